// Drift on the server page: has someone changed what mxwarden manages here since its last push?
// Checked with every inspection of a server mxwarden has pushed to, and on demand (it reads the
// server over SSH). The answer offers both ways out: adopt it through import, or overwrite it.

import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '../../state/api-context';
import { ServerErrorNote } from '../policy/ServerErrorNote';
import { Card } from '../servers/Card';
import { Spinner } from '../servers/Spinner';
import { TimeAgo } from '../servers/TimeAgo';
import { DriftList } from './DriftList';
import { usePushLauncher } from './push-launcher';

function DriftResult({
  serverId,
  serverName,
  refresh,
}: {
  serverId: number;
  serverName: string;
  refresh: number;
}) {
  const launch = usePushLauncher();
  const { data: report, error, loading } = useQuery('push.drift', [{ serverId }], refresh);
  if (loading)
    return (
      <p role="status" className="muted">
        <Spinner /> Reading {serverName} over SSH…
      </p>
    );
  if (error) return <ServerErrorNote error={error} serverId={serverId} serverName={serverName} />;
  if (!report) return null;
  return (
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
            {report.items.length} {report.items.length === 1 ? 'item was' : 'items were'} changed on{' '}
            {serverName} by someone else. A push will not overwrite them without your consent.
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
  );
}

export function DriftCard({
  serverId,
  serverName,
  inspectedAt,
}: {
  serverId: number;
  serverName: string;
  /** When the server was last inspected: each inspection checks drift again. */
  inspectedAt?: number;
}) {
  const { data: pushes } = useQuery('push.list', [{ serverId, limit: 1 }]);
  const pushed = (pushes?.length ?? 0) > 0;
  const [asked, setAsked] = useState(0);
  return (
    <Card
      title="Drift"
      testId="drift-card"
      actions={
        <button type="button" className="button" onClick={() => setAsked((n) => n + 1)}>
          Check for drift
        </button>
      }
    >
      {pushed || asked > 0 ? (
        <DriftResult
          serverId={serverId}
          serverName={serverName}
          refresh={(inspectedAt ?? 0) + asked}
        />
      ) : (
        <p className="muted">
          Compares what mxwarden manages on {serverName} with what it last wrote there; checked with
          each inspection once mxwarden has pushed here.
        </p>
      )}
    </Card>
  );
}
