// Who the client is: its address(es), reverse DNS and forward confirmation, SPF, organisational
// domains, a known large sender, and the allow/deny lists — streamed where DNS answers stream.

import { Card } from '../servers/Card';
import { AccessFact } from './AccessFact';
import { largeSenderWords } from './check-words';
import type { CheckRun } from './check-run';
import { RdnsFact } from './RdnsFact';
import { SpfFact } from './SpfFact';

export function ClientCard({ run }: { run: CheckRun }) {
  const r = run.report;
  return (
    <Card title="Client" testId="client-card">
      <dl className="facts facts--plain">
        <dt>Address</dt>
        <dd>
          {r ? (
            <>
              <code>{r.address}</code> <span className="muted">IPv{r.version}</span>
              {r.addresses.length > 1 && (
                <div className="muted">
                  {r.target.trim()} has {r.addresses.length} addresses; the first is checked:{' '}
                  {r.addresses.join(', ')}
                </div>
              )}
            </>
          ) : (
            <code>{run.input.target}</code>
          )}
        </dd>
        <dt>Reverse DNS</dt>
        <dd>
          <RdnsFact run={run} />
        </dd>
        <dt>SPF</dt>
        <dd>
          <SpfFact run={run} />
        </dd>
        <dt>Organisation</dt>
        <dd data-testid="organisation">
          {!r ? (
            <span className="muted">…</span>
          ) : r.organisation.client || r.organisation.sender ? (
            <>
              {r.organisation.client && (
                <div>
                  client <code>{r.organisation.client}</code>
                </div>
              )}
              {r.organisation.sender && (
                <div>
                  sender <code>{r.organisation.sender}</code>
                  {r.organisation.client && r.organisation.client !== r.organisation.sender && (
                    <span className="badge badge--warn">differs from the client&apos;s</span>
                  )}
                </div>
              )}
            </>
          ) : (
            <span className="muted">unknown (no verified host name, no sender)</span>
          )}
        </dd>
        {r?.largeSender && (
          <>
            <dt>Large sender</dt>
            <dd data-testid="large-sender">{largeSenderWords(r.largeSender)}</dd>
          </>
        )}
        <dt>Allow / deny lists</dt>
        <dd>{r ? <AccessFact verdict={r.verdict} /> : <span className="muted">…</span>}</dd>
      </dl>
    </Card>
  );
}
