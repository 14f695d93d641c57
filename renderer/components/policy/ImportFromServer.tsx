// Start from a server already running: its postscreen lists and weights, access maps, HELO and
// rDNS restrictions and postgrey settings become a draft; the report says what came across,
// what stays the site's own, and what the policy cannot represent. Read-only on the server.

import { useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ApiError, ImportResultView, Policy } from '../../../core/app/api';
import { useApi, useQuery } from '../../state/api-context';
import { Card } from '../servers/Card';
import { Spinner } from '../servers/Spinner';
import { ImportReport } from './ImportReport';
import { ServerErrorNote } from './ServerErrorNote';
import { plural } from './policy-words';

export function ImportFromServer({ onUse }: { onUse: (policy: Policy, origin: string) => void }) {
  const api = useApi();
  const id = useId();
  const { data: servers, error: listError } = useQuery('servers.list', []);
  // "Adopt drift" links here with ?import=<server id>: that server is chosen and read at once.
  const [params] = useSearchParams();
  const asked = Number(params.get('import')) || undefined;
  const [serverId, setServerId] = useState<number | undefined>(asked);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResultView>();
  const [error, setError] = useState<ApiError>();
  const chosen = serverId ?? servers?.[0]?.id;

  const run = async () => {
    if (chosen === undefined) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    const r = await api.call('policy.importServer', { serverId: chosen });
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error);
  };

  const autoRan = useRef(false);
  useEffect(() => {
    if (asked === undefined || autoRan.current || !servers?.some((s) => s.id === asked)) return;
    autoRan.current = true;
    void run();
    // run reads `chosen`, which is `asked` here; once is enough.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asked, servers]);

  const p = result?.policy;
  return (
    <Card title="From a server you run" testId="import-card">
      <p className="pfield__hint">
        Reads its main.cf, postscreen lists and weights, access maps and postgrey settings over SSH.
        Nothing changes on the server.
      </p>
      {listError && (
        <p className="callout callout--error">Could not list the servers: {listError.message}</p>
      )}
      {servers && servers.length === 0 ? (
        <p className="muted">No server yet: add one on the Servers page first.</p>
      ) : (
        <div className="preview-pick">
          <label htmlFor={`${id}-server`}>Server</label>
          <select
            id={`${id}-server`}
            value={chosen ?? ''}
            onChange={(e) => {
              setServerId(Number(e.target.value));
              setResult(undefined);
            }}
          >
            {(servers ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={busy || chosen === undefined}
            onClick={() => void run()}
          >
            {busy && <Spinner />} {busy ? 'Reading…' : 'Import'}
          </button>
        </div>
      )}
      {error && (
        <ServerErrorNote
          error={error}
          serverId={chosen}
          serverName={servers?.find((s) => s.id === chosen)?.name}
        />
      )}
      {result && p && (
        <div className="import-result">
          <p role="status">
            <strong className="verbatim">{result.serverName}</strong>:{' '}
            {plural(p.dnsbl.lists.length, 'DNS list')} (threshold {p.dnsbl.threshold}),{' '}
            {plural(p.clients.allow.length, 'allowed client')},{' '}
            {plural(p.clients.deny.length, 'denied client')}, greylisting{' '}
            {p.greylisting.enabled ? 'on' : 'off'}.
          </p>
          <ImportReport findings={result.findings} />
          <div className="button-row button-row--end">
            <button
              type="button"
              className="button button--primary"
              onClick={() => onUse(result.policy, `${result.serverName} (imported)`)}
            >
              Use as draft
            </button>
          </div>
        </div>
      )}
    </Card>
  );
}
