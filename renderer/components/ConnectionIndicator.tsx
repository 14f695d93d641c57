// Browser mode only: is the page still connected to `mxwarden serve`?

import { useClient, useConnection } from '../state/api-context';

const TEXT = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Server unreachable',
} as const;

export function ConnectionIndicator() {
  const { mode, bridge } = useClient();
  const { state } = useConnection();
  if (mode !== 'browser') return null;
  return (
    <div
      className={`connection connection--${state}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
    >
      <span className="connection__dot" aria-hidden="true" />
      <span>{TEXT[state]}</span>
      {state === 'offline' && (
        <button type="button" className="link-button" onClick={() => bridge?.reconnect()}>
          Retry
        </button>
      )}
      {state === 'offline' && (
        <span className="connection__hint">
          If you restarted `mxwarden serve`, open the new address it printed.
        </span>
      )}
    </div>
  );
}
