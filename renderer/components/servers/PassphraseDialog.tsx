// The passphrase of an encrypted private key, asked when a connection needs it. Where a
// remembered passphrase is kept depends on the host: the OS keychain in the desktop app, the
// memory of `mxwarden serve` in browser mode.

import { useState, type FormEvent } from 'react';
import type { PassphraseEntry } from '../../../core/app/api';
import { useQuery } from '../../state/api-context';
import { Field } from './Field';
import { Modal } from './Modal';
import type { Prompt } from './use-connect-flow';

type PassphrasePrompt = Extract<Prompt, { kind: 'passphrase' }>;

function RememberHint() {
  const { data: info } = useQuery('app.info', []);
  if (!info) return null;
  // Either way the running app keeps it until it stops; "remember" is about after that.
  return info.secrets.persistent ? (
    <>
      Saved encrypted with your OS keychain, so mxwarden does not ask again after a restart.
      Unchecked, it is kept in memory until the app quits.
    </>
  ) : (
    <>
      Browser mode keeps secrets in the memory of <code>mxwarden serve</code> only, until it stops;
      nothing is written to disk.
    </>
  );
}

export function PassphraseDialog({
  prompt,
  onAnswer,
}: {
  prompt: PassphrasePrompt;
  onAnswer: (entry: PassphraseEntry | null) => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onAnswer({ keyPath: prompt.keyPath, passphrase, remember });
  };
  return (
    <Modal
      labelledBy="passphrase-title"
      onCancel={() => onAnswer(null)}
      className="dialog--form"
      testId="passphrase-dialog"
    >
      <form onSubmit={submit}>
        <h2 id="passphrase-title">Passphrase needed</h2>
        <p>
          The key <code className="verbatim">{prompt.keyPath}</code> is encrypted. It is needed to
          connect to {prompt.servers.map((s) => s.name).join(', ')}.
        </p>
        {prompt.wrong && (
          <p className="callout callout--error" role="alert" data-testid="passphrase-wrong">
            That passphrase was wrong. Type it again (it is case-sensitive).
          </p>
        )}
        <Field label="Passphrase">
          {(c) => (
            <input
              {...c}
              type="password"
              autoComplete="off"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              data-autofocus
            />
          )}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={remember}
            onChange={(e) => setRemember(e.target.checked)}
          />
          <span>Remember this passphrase</span>
        </label>
        <p className="form-field__hint">
          <RememberHint />
        </p>
        <div className="button-row button-row--end">
          <button type="button" className="button" onClick={() => onAnswer(null)}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={!passphrase}>
            Connect
          </button>
        </div>
      </form>
    </Modal>
  );
}
