// Saving the draft as a new version: a message is required (it is what the history shows), the
// changes are listed in words, and a draft with problems cannot be saved — its problems are
// listed with links to them instead.

import { useId, useState, type FormEvent } from 'react';
import type { CurrentPolicy, Policy, PolicyChange } from '../../../core/app/api';
import { useApi } from '../../state/api-context';
import { Modal } from '../servers/Modal';
import { submitOnEnter } from '../servers/submit-keys';
import { ChangeList } from './ChangeList';
import { IssueList } from './IssueList';
import type { PolicyIssue } from './policy-issues';
import { plural } from './policy-words';

export function SaveDialog({
  draft,
  baseVersionId,
  changes,
  issues,
  onSaved,
  onCancel,
  onJump,
}: {
  draft: Policy;
  /** The version the draft was edited from (null: the template); the core refuses a stale one. */
  baseVersionId: number | null;
  changes: PolicyChange[];
  issues: PolicyIssue[];
  onSaved: (current: CurrentPolicy) => void;
  onCancel: () => void;
  onJump: (issue: PolicyIssue) => void;
}) {
  const api = useApi();
  const id = useId();
  const [name, setName] = useState(draft.name);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const nameIssues = issues.filter((i) => i.path[0] === 'name');
  const blocking = issues.filter((i) => i.path[0] !== 'name');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!message.trim()) {
      setError('Say in a few words what this version changes: the history shows it.');
      document.getElementById(`${id}-message`)?.focus();
      return;
    }
    setBusy(true);
    const r = await api.call('policy.save', {
      policy: { ...draft, name },
      message: message.trim(),
      baseVersionId,
    });
    setBusy(false);
    if (r.ok) onSaved(r.value);
    // A CONFLICT arrives with the policy.changed event close behind: the page then moves the base
    // to the new version and says so, and saving again is a deliberate choice.
    else setError(r.error.message);
  };

  return (
    <Modal
      labelledBy={`${id}-title`}
      onCancel={onCancel}
      busy={busy}
      className="dialog--wide"
      testId="save-dialog"
    >
      <form onSubmit={(e) => void submit(e)} onKeyDown={submitOnEnter} noValidate>
        <h2 id={`${id}-title`}>Save the policy as a new version</h2>
        {blocking.length > 0 ? (
          <div className="callout callout--error" role="alert">
            <p>
              The draft has {plural(blocking.length, 'problem')}; fix{' '}
              {blocking.length === 1 ? 'it' : 'them'} before saving:
            </p>
            <IssueList issues={blocking} onJump={onJump} />
          </div>
        ) : (
          <>
            <div className={`form-field ${error && !message.trim() ? 'form-field--invalid' : ''}`}>
              <label htmlFor={`${id}-message`}>What changed, and why</label>
              <input
                id={`${id}-message`}
                value={message}
                maxLength={1000}
                data-autofocus
                aria-invalid={!!error && !message.trim()}
                placeholder="e.g. weigh zen SBL 4; allow the partner relay 192.0.2.0/24 (ticket 4711)"
                onChange={(e) => {
                  setMessage(e.target.value);
                  setError(undefined);
                }}
              />
            </div>
            <div className={`form-field ${nameIssues.length ? 'form-field--invalid' : ''}`}>
              <label htmlFor={`${id}-name`}>Policy name</label>
              <input
                id={`${id}-name`}
                value={name}
                maxLength={200}
                onChange={(e) => setName(e.target.value)}
              />
              {nameIssues.map((i, k) => (
                <p key={k} className="form-field__error">
                  {i.message}
                </p>
              ))}
            </div>
            <h3 className="save-dialog__changes-title">
              {changes.length ? plural(changes.length, 'change') : 'Changes'}
            </h3>
            <div className="save-dialog__changes">
              <ChangeList changes={changes} limit={40} />
            </div>
          </>
        )}
        {error && (
          <p className="callout callout--error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row button-row--end">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || blocking.length > 0}
          >
            {busy ? 'Saving…' : 'Save version'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
