// Drift on the server page: has someone changed what mxwarden manages here since its last push?
// Checked on demand (it reads the server over SSH); the answer offers both ways out.

import { useState } from 'react';
import { Link } from 'react-router';
import type { ApiError, DriftReport } from '../../../core/app/api';
import { useApi } from '../../state/api-context';
import { ServerErrorNote } from '../policy/ServerErrorNote';
import { Card } from '../servers/Card';
import { Spinner } from '../servers/Spinner';
import { TimeAgo } from '../servers/TimeAgo';
import { DriftList } from './DriftList';
import { usePushLauncher } from './push-launcher';

export function DriftCard({ serverId, serverName }: { serverId: number; serverName: string }) {
  const api = useApi();
  const launch = usePushLauncher();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<DriftReport>();
  const [error, setError] = useState<ApiError>();
  const check = async () => {
    setBusy(true);
    setError(undefined);
    const r = await api.call('push.drift', { serverId });
    setBusy(false);
    if (r.ok) setReport(r.value);
    else setError(r.error);
  };
  return (
    <Card
      title="Drift"
      testId="drift-card"
      actions={
        <button type="button" className="button" disabled={busy} onClick={() => void check()}>
          {busy && <Spinner />} Check for drift
        </button>
      }
    >
      {!report && !error && !busy && (
        <p className="muted">
          Compares what mxwarden manages on {serverName} with what it last wrote there.
        </p>
      )}
      {busy && (
        <p role="status" className="muted">
          <Spinner /> Reading {serverName} over SSH…
        </p>
      )}
      {error && <ServerErrorNote error={error} serverId={serverId} serverName={serverName} />}
      {report && !busy && (
        <div data-testid="drift-report" data-count={report.items.length}>
          <p>
            Checked <TimeAgo at={report.checkedAt} inline />.{' '}
            {report.lastPush
              ? `Last push ${report.lastPush.pushId} by ${report.lastPush.actor}.`
              : 'mxwarden has not pushed here from this app.'}
          </p>
          {report.items.length === 0 ? (
            <p className="callout" role="status">
              No drift: {serverName} has exactly what mxwarden last wrote.
            </p>
          ) : (
            <>
              <p className="callout callout--warning" role="status">
                {report.items.length} {report.items.length === 1 ? 'item was' : 'items were'}{' '}
                changed on {serverName} by someone else. A push will not overwrite them without your
                consent.
              </p>
              <DriftList items={report.items} />
              <div className="button-row">
                <Link className="button" to={`/policy?tab=start&import=${serverId}`}>
                  Adopt into the policy (import)
                </Link>
                <button
                  type="button"
                  className="button button--danger-outline"
                  onClick={() => launch({ serverIds: [serverId], overwriteDrift: [serverId] })}
                >
                  Overwrite with the policy…
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </Card>
  );
}
