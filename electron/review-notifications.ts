// A desktop notification when a sender with strong evidence of being wanted starts being
// rejected (the core's review.alert); clicking it brings the window to the Review page. (Browser
// mode has no system notifications: the renderer shows an in-app notice there instead.)

import { Notification, type BrowserWindow } from 'electron';
import type { AppService } from '../core/app/host';

export function notifyReviewAlerts(core: AppService, window: () => BrowserWindow | undefined) {
  return core.events.subscribe('review.alert', (a) => {
    if (!Notification.isSupported()) return;
    const n = new Notification({
      title: `Possibly wanted mail rejected: ${a.label}`,
      body: `${a.reasons.join('; ')}. Open Review to whitelist it or dismiss it.`,
    });
    n.on('click', () => {
      const w = window();
      if (!w) return;
      if (w.isMinimized()) w.restore();
      w.focus();
      core.events.emit('ui.command', { type: 'navigate', path: '/review' });
    });
    n.show();
  });
}
