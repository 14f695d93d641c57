// The engine's reasoning, stage by stage in the order mail meets them: every check with its
// status, what it did, its rule and why. The deciding line is marked; a check the policy asks
// for but this server cannot enforce stands out; stages never reached say so.

import { ruleLabel } from '../../../core/policy/rules';
import type { Verdict } from '../../../core/app/api';
import { Card } from '../servers/Card';
import { OUTCOME_WORD, STAGE_LABEL, STATUS_WORD } from './check-words';
import { traceGroups, type TraceLine } from './trace-groups';
import { TraceStatusIcon } from './TraceStatusIcon';

const STAGE_TITLE = {
  postscreen: 'postscreen',
  smtpd: 'smtpd restrictions',
  policy: 'policy service',
} as const;

/** A hit is good news (an allowlist), bad news (it refuses), or a warning (it only counted). */
function tone(t: TraceLine['trace']): 'good' | 'bad' | 'warn' {
  if (['reject', 'defer', 'greylist'].includes(t.outcome)) return 'bad';
  if (['accept', 'allow'].includes(t.outcome)) return 'good';
  if (t.rule?.startsWith('dnswl:') || t.rule?.endsWith('.allow')) return 'good';
  if (t.rule?.startsWith('dnsbl:')) return 'bad';
  return 'warn';
}

function Line({ line, action }: { line: TraceLine; action: Verdict['action'] }) {
  const t = line.trace;
  const classes = [
    'trace-line',
    `trace-line--${t.status}`,
    t.status === 'hit' ? `trace-line--hit-${tone(t)}` : '',
    line.decisive ? `trace-line--decisive trace-line--${action}` : '',
  ].join(' ');
  return (
    <tr className={classes} data-testid="trace-line" data-status={t.status}>
      <td className="trace-line__status">
        <TraceStatusIcon status={t.status} />
        <span className="trace-line__status-word">{STATUS_WORD[t.status]}</span>
      </td>
      <td className="trace-line__check">
        {t.check}
        {line.decisive && <span className="badge trace-line__decided">decided</span>}
        {t.dryRun && <span className="badge">dry-run</span>}
      </td>
      <td className="trace-line__outcome">{OUTCOME_WORD[t.outcome]}</td>
      <td className="trace-line__rule">
        {t.rule ? (
          <span title={t.rule}>{ruleLabel(t.rule)}</span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="trace-line__detail">{t.detail}</td>
      <td className="num trace-line__ms">{t.ms ? `${t.ms} ms` : ''}</td>
    </tr>
  );
}

export function TraceCard({ verdict }: { verdict: Verdict }) {
  const groups = traceGroups(verdict);
  return (
    <Card title="Trace" testId="trace-card">
      <div className="table-wrap">
        <table className="data-table trace-table" aria-label="Trace, by stage">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Check</th>
              <th scope="col">Then</th>
              <th scope="col">Rule</th>
              <th scope="col">Detail</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          {groups.map((g, i) => (
            <tbody key={g.stage} data-stage={g.stage}>
              <tr className="trace-stage">
                <th scope="rowgroup" colSpan={6}>
                  <span className="trace-stage__index">{i + 1}</span> {STAGE_TITLE[g.stage]}
                  {g.empty && (
                    <span className="muted trace-stage__note">
                      {g.empty === 'not-reached'
                        ? ` — not reached: the verdict was decided at ${STAGE_LABEL[verdict.stage ?? 'postscreen']}`
                        : ' — no checks here for this server'}
                    </span>
                  )}
                </th>
              </tr>
              {g.lines.map((line) => (
                <Line key={line.index} line={line} action={verdict.action} />
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </Card>
  );
}
