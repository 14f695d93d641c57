// A changed or revoked host key: the connection was refused and stays refused. This panel
// explains and tells what to do; it deliberately offers no way to accept the key.

import type { ApiErrorCode } from '../../../core/app/api';
import { Icon } from '../Icon';

export interface HostKeyRefusalProps {
  name: string;
  code: ApiErrorCode | undefined;
  message: string;
  /** OpenSSH's banner, when the API sent it with this refusal. */
  openssh?: string;
  onDismiss?: () => void;
}

export function HostKeyRefusal({ name, code, message, openssh, onDismiss }: HostKeyRefusalProps) {
  const revoked = code === 'HOST_KEY_REVOKED';
  return (
    <section className="refusal" role="alert" data-testid="host-key-refused">
      <header className="refusal__header">
        <Icon name="alert" size={22} />
        <h2>
          {revoked ? 'Revoked host key' : 'Host key changed'}: connection to{' '}
          <span className="verbatim">{name}</span> refused
        </h2>
        {onDismiss && (
          <button
            type="button"
            className="icon-button"
            onClick={onDismiss}
            aria-label={`Hide this warning about ${name}`}
          >
            <Icon name="close" size={16} />
          </button>
        )}
      </header>
      <p className="verbatim">{message}</p>
      {openssh && <pre className="refusal__openssh">{openssh}</pre>}
      <h3>What to do</h3>
      {revoked ? (
        <ol>
          <li>
            Treat it as an incident: the key was revoked on purpose, and whoever presents it may be
            impersonating the server.
          </li>
          <li>
            Give the server a new host key from its console, then test the connection again: you
            will be asked to confirm the new fingerprint.
          </li>
        </ol>
      ) : (
        <ol>
          <li>
            Do not connect until you know why the key changed: ask who runs the server, or compare
            the fingerprint above with <code>ssh-keygen -lf</code> on its console.
          </li>
          <li>
            If the change is expected (reinstall, key rotation), remove the old key as the message
            says, then test the connection again and confirm the new fingerprint.
          </li>
        </ol>
      )}
    </section>
  );
}
