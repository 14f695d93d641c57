// Renders the in-app notifications; announced to screen readers.

import { useNotifications } from '../state/notifications';
import { Icon } from './Icon';

const ICONS = { info: 'about', success: 'ok', warning: 'alert', error: 'alert' } as const;

export function Toasts() {
  const { notices, dismiss } = useNotifications();
  return (
    <div className="toasts" aria-live="polite" aria-relevant="additions">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`toast toast--${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
        >
          <Icon name={ICONS[n.kind]} />
          <div className="toast__body">
            <strong>{n.title}</strong>
            {n.message && <p>{n.message}</p>}
          </div>
          <button
            type="button"
            className="icon-button"
            onClick={() => dismiss(n.id)}
            aria-label="Dismiss notification"
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
