// Trust on first use: the server's host key fingerprint, to compare with the server's own
// before pinning it. Refuse is the default button: Enter or Escape pins nothing.

import type { Prompt } from './use-connect-flow';
import { CommandLine } from './CommandLine';
import { Modal } from './Modal';

type TrustPrompt = Extract<Prompt, { kind: 'trust' }>;

/** The host key file sshd has for this key type, for the ssh-keygen command to compare with. */
function hostKeyFile(keyType: string): string {
  const kind = keyType.includes('ed25519')
    ? 'ed25519'
    : keyType.startsWith('ecdsa')
      ? 'ecdsa'
      : keyType.includes('rsa')
        ? 'rsa'
        : '*';
  return `/etc/ssh/ssh_host_${kind}_key.pub`;
}

export function HostKeyDialog({
  prompt,
  onAnswer,
}: {
  prompt: TrustPrompt;
  onAnswer: (accept: boolean) => void;
}) {
  const { server, key, message } = prompt;
  return (
    <Modal
      labelledBy="host-key-title"
      onCancel={() => onAnswer(false)}
      className="dialog--wide"
      testId="host-key-dialog"
    >
      <h2 id="host-key-title">Is this the host key of {server.name}?</h2>
      <p>
        mxwarden has never connected to this server. Before it sends anything, confirm that the key
        it presents is the server’s own: an attacker between you and the server would present
        another.
      </p>
      <dl className="facts facts--compact">
        <dt>Server</dt>
        <dd className="verbatim">{server.name}</dd>
        <dt>Address</dt>
        <dd>
          <code className="verbatim">
            {key.host}:{key.port}
          </code>
        </dd>
        <dt>Key type</dt>
        <dd>
          <code>{key.keyType}</code>
        </dd>
      </dl>
      <p className="fingerprint-label">SHA256 fingerprint</p>
      <p className="fingerprint" data-testid="host-key-fingerprint">
        {key.fingerprint}
      </p>
      <p className="muted verbatim">{message}</p>
      <p>On the server itself (its console, or a connection you already trust), run:</p>
      <CommandLine text={`ssh-keygen -lf ${hostKeyFile(key.keyType)}`} />
      {key.otherTypesKnown.length > 0 && (
        <p className="callout callout--warning">
          Keys of other types ({key.otherTypesKnown.join(', ')}) are already pinned for this
          address. A server normally keeps its keys: accept only if you expected a new one.
        </p>
      )}
      <p className="muted">
        Accept pins exactly this key in your known_hosts file, which ssh(1) shares. A different key
        later is refused.
      </p>
      <div className="button-row button-row--end">
        <button type="button" className="button" onClick={() => onAnswer(false)} data-autofocus>
          Refuse
        </button>
        <button type="button" className="button button--primary" onClick={() => onAnswer(true)}>
          Accept and pin
        </button>
      </div>
    </Modal>
  );
}
