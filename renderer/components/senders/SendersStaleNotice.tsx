// Anywhere in the app: when a scheduled refresh changed the ranges of whitelisted providers, say
// which and what — the Senders page shows the change and offers the push (or, with automatic push
// on, what the push did). Honours the "in-app notifications" setting.

import type { SendersStaleEvent } from '../../../core/app/api';
import { useEvent } from '../../state/api-context';
import { useNotifications } from '../../state/notifications';
import { useSettings } from '../../state/settings-context';

export function staleWords(e: SendersStaleEvent): { title: string; message: string } {
  const names = e.providers.map((p) => `${p.name} (+${p.added} −${p.removed})`).join(', ');
  const title = `Cloud sender ranges changed: ${names}`;
  if (!e.autoPush) return { title, message: 'Open Senders to see the change and push it.' };
  if (e.autoPush.error)
    return { title, message: `The automatic push did not complete: ${e.autoPush.error}` };
  return {
    title,
    message: `Saved as policy version ${e.autoPush.versionId ?? '?'} and pushed automatically (${e.autoPush.outcome ?? 'done'}).`,
  };
}

export function SendersStaleNotice() {
  const { notify } = useNotifications();
  const { settings } = useSettings();
  useEvent('senders.stale', (e) => {
    if (!settings.notifications) return;
    notify({ kind: e.autoPush?.error ? 'error' : 'warning', ...staleWords(e) });
  });
  return null;
}
