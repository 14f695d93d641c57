// "What would happen to this client under my draft": Check IP with the unsaved policy, judged as
// the chosen server (or the fleet profile), without saving anything.

import { useId, useState, type FormEvent } from 'react';
import type { CheckReport, Policy, ServerSummary } from '../../../core/app/api';
import { useApi } from '../../state/api-context';
import { Card } from '../servers/Card';
import { Spinner } from '../servers/Spinner';

const WORD = {
  accept: 'Accepted',
  reject: 'Rejected',
  defer: 'Deferred',
  greylist: 'Greylisted',
} as const;

export function DraftCheck({
  draft,
  valid,
  server,
  dirty,
}: {
  draft: Policy;
  valid: boolean;
  server?: ServerSummary;
  dirty: boolean;
}) {
  const api = useApi();
  const id = useId();
  const [target, setTarget] = useState('');
  const [helo, setHelo] = useState('');
  const [sender, setSender] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<CheckReport>();
  const [error, setError] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!target.trim() || !valid) return;
    setBusy(true);
    setError(undefined);
    const r = await api.call('check.run', {
      runId: crypto.randomUUID(),
      target: target.trim(),
      ...(helo.trim() ? { helo: helo.trim() } : {}),
      ...(sender.trim() ? { sender: sender.trim() } : {}),
      ...(server ? { serverId: server.id } : {}),
      policy: draft,
    });
    setBusy(false);
    if (r.ok) setReport(r.value);
    else {
      setReport(undefined);
      setError(r.error.message);
    }
  };

  const v = report?.verdict;
  return (
    <Card title={`Try a client under ${dirty ? 'this draft' : 'this policy'}`} testId="draft-check">
      <form className="draft-check" onSubmit={(e) => void submit(e)}>
        <div>
          <label htmlFor={`${id}-target`}>Client address or host name</label>
          <input
            id={`${id}-target`}
            value={target}
            placeholder="203.0.113.9"
            spellCheck={false}
            onChange={(e) => setTarget(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-helo`}>HELO (optional)</label>
          <input
            id={`${id}-helo`}
            value={helo}
            spellCheck={false}
            onChange={(e) => setHelo(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-sender`}>Sender (optional)</label>
          <input
            id={`${id}-sender`}
            value={sender}
            spellCheck={false}
            onChange={(e) => setSender(e.target.value)}
          />
        </div>
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !valid || !target.trim()}
        >
          {busy && <Spinner />} Check
        </button>
      </form>
      <p className="pfield__hint">
        Judged as{' '}
        {server ? (
          <span className="verbatim">{server.name}</span>
        ) : (
          'the fleet (postscreen + postgrey)'
        )}{' '}
        with live DNS; nothing is saved.
      </p>
      {error && (
        <p className="callout callout--error" role="alert">
          {error}
        </p>
      )}
      {v && report && (
        <div
          className={`draft-verdict draft-verdict--${v.action}`}
          data-testid="draft-verdict"
          role="status"
        >
          <p className="draft-verdict__head">
            <strong>{WORD[v.action]}</strong> — <span className="verbatim">{v.summary}</span>
          </p>
          <pre className="code-block">{v.reply}</pre>
          <ul className="draft-verdict__trace">
            {v.trace
              .filter((t) => t.status === 'hit' || t.status === 'not-enforced')
              .map((t, i) => (
                <li key={i}>
                  <span className="verbatim">{t.check}</span>:{' '}
                  <span className="verbatim">{t.detail}</span>
                  {t.dryRun && <span className="muted"> (dry-run)</span>}
                </li>
              ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
