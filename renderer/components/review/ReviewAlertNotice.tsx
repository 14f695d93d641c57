// Anywhere in the app: a sender with strong evidence of being wanted started being rejected.
// The desktop app shows a system notification (electron/review-notifications.ts); elsewhere
// (browser mode) this in-app notice says it. Honours the "in-app notifications" setting.

import { useClient, useEvent } from '../../state/api-context';
import { useNotifications } from '../../state/notifications';
import { useSettings } from '../../state/settings-context';

export function ReviewAlertNotice() {
  const { notify } = useNotifications();
  const { settings } = useSettings();
  const { mode } = useClient();
  useEvent('review.alert', (a) => {
    if (mode === 'electron' || !settings.notifications) return;
    notify({
      kind: 'warning',
      title: `Possibly wanted mail rejected: ${a.label}`,
      message: `${a.reasons.join('; ')}. Open Review (Alt+4) to whitelist it or dismiss it.`,
    });
  });
  return null;
}
