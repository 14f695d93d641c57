// The end of a push: each server's outcome, the step that failed and the server's own words,
// what state it was left in, and the steps with their times — the details an admin pastes into
// a ticket. Also used for any push in the history.

import { Link } from 'react-router';
import type { PushServerResult, PushSummary } from '../../../core/app/types/push';
import { OutcomeBadge, SummaryBadge } from './OutcomeBadge';
import { STEP_LABEL } from './push-words';

const STATE_WORDS = {
  previous: 'has its previous configuration',
  new: 'runs the new configuration',
  unknown: 'state unknown — check it',
} as const;

function ServerResult({ r }: { r: PushServerResult }) {
  const failed = r.steps.find((s) => s.status === 'failed' && s.step !== 'rollback');
  const output = r.steps.find((s) => s.output)?.output;
  return (
    <details
      className="push-result"
      open={!!r.error}
      data-testid="push-result"
      data-server={r.serverName}
      data-outcome={r.outcome}
    >
      <summary>
        <span className="push-plan__name">
          {r.serverName}
          {r.canary ? ' (canary)' : ''}
        </span>
        <OutcomeBadge outcome={r.outcome} />
        {r.failedStep && (
          <span className="push-result__step" data-testid="failed-step">
            at {STEP_LABEL[r.failedStep]}
          </span>
        )}
        {r.state && <span className="muted"> — {STATE_WORDS[r.state]}</span>}
      </summary>
      <div className="push-plan__body">
        {r.error && (
          <p
            className="verbatim push-result__error"
            role={r.outcome === 'broken' ? 'alert' : undefined}
          >
            {r.error.message}
          </p>
        )}
        {output && (
          <>
            <p className="muted">
              What {r.serverName} said{failed ? ` at ${STEP_LABEL[failed.step]}` : ''}:
            </p>
            <pre className="push-output" data-testid="server-output">
              {output}
            </pre>
          </>
        )}
        {(r.changes.files.length > 0 || r.changes.parameters.length > 0 || r.changes.postgrey) && (
          <p className="muted">
            Changed:{' '}
            {[...r.changes.files, ...r.changes.parameters.map((p) => `main.cf ${p}`)].join(', ')}
            {r.changes.postgrey ? ', postgrey options' : ''}
          </p>
        )}
        {r.steps.length > 0 && (
          <table className="data-table push-steps">
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Result</th>
                <th scope="col">Time</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {r.steps.map((s, i) => (
                <tr key={i} data-step={s.step}>
                  <td>{STEP_LABEL[s.step]}</td>
                  <td>{s.status}</td>
                  <td className="num">{(s.ms / 1000).toFixed(1)} s</td>
                  <td className="detail">{s.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <Link to={`/servers/${r.serverId}`}>{r.serverName}’s page and push history</Link>
        </p>
      </div>
    </details>
  );
}

export function PushResults({ summary }: { summary: PushSummary }) {
  const n = summary.servers.length;
  const good = summary.servers.filter((s) =>
    ['applied', 'unchanged', 'validated'].includes(s.outcome),
  ).length;
  return (
    <div className="push-results" data-testid="push-summary" data-outcome={summary.outcome}>
      <p className="push-results__head">
        <SummaryBadge outcome={summary.outcome} />{' '}
        {summary.dryRun ? 'Dry run' : summary.kind === 'rollback' ? 'Rollback' : 'Push'} of policy
        version {summary.policyVersionId}: {good} of {n} {n === 1 ? 'server' : 'servers'} as
        intended. <span className="muted">Push {summary.id}</span>
      </p>
      {summary.servers.map((r) => (
        <ServerResult key={r.serverId} r={r} />
      ))}
    </div>
  );
}
