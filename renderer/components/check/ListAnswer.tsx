// One DNS list's answer: its 127.0.0.x codes, or not listed, or — visibly different — timed
// out or failed, which mean "unknown", never "not listed"; a spinner while it is awaited.

import { Spinner } from '../servers/Spinner';
import { answerWords } from './check-words';
import type { ListRow } from './list-rows';

export function ListAnswer({ row, version }: { row: ListRow; version?: 4 | 6 }) {
  const words = answerWords(row.state, row.answers, version);
  switch (row.state) {
    case 'pending':
      return (
        <span className="list-answer list-answer--pending">
          <Spinner /> {words}
        </span>
      );
    case 'listed':
      return (
        <span
          className={`list-answer ${(row.weight ?? 0) < 0 ? 'list-answer--allow' : 'list-answer--listed'}`}
        >
          {row.answers.map((a) => (
            <code key={a} className="code-chip">
              {a}
            </code>
          ))}
        </span>
      );
    case 'timeout':
    case 'error':
      return (
        <span
          className="list-answer list-answer--unknown"
          title="No answer: the list may or may not list this client"
        >
          {words}
        </span>
      );
    default:
      return <span className="list-answer muted">{words}</span>;
  }
}

/** +3 / −2, an allowlist marked as such, a dry-run entry (logged, never counted) too. */
export function ListWeight({ weight, dryRun }: { weight?: number; dryRun: boolean }) {
  if (weight === undefined) return <span className="muted">—</span>;
  return (
    <span className="rbl-weight">
      <span className="num">{weight > 0 ? `+${weight}` : `−${-weight}`}</span>
      {weight < 0 && <span className="badge badge--allow">allowlist</span>}
      {dryRun && <span className="badge">dry-run</span>}
    </span>
  );
}

/** Whether the weight counts: only known from the report. */
export function ListCounts({ row, scored }: { row: ListRow; scored: boolean }) {
  if (row.matched === undefined)
    return <span className="muted">{row.state === 'pending' ? '' : '…'}</span>;
  if (!row.matched)
    return row.state === 'listed' ? (
      <span className="muted" title="The answer is outside this entry's return-code filter">
        no: code not in filter
      </span>
    ) : (
      <span className="muted">—</span>
    );
  if (row.dryRun) return <span className="badge">dry-run</span>;
  if (!scored)
    return (
      <span className={`badge ${(row.weight ?? 0) < 0 ? 'badge--allow' : 'badge--listed'}`}>
        matches
      </span>
    );
  return (
    <span className={`badge ${(row.weight ?? 0) < 0 ? 'badge--allow' : 'badge--listed'}`}>
      {row.weight !== undefined
        ? `yes, ${row.weight > 0 ? '+' : '−'}${Math.abs(row.weight)}`
        : 'yes'}
    </span>
  );
}
