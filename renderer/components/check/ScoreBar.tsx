// The DNS list score against the threshold: each counting list a segment (blocklists to the
// right of zero, allowlists to the left), the threshold a marker, the net score a marker. The
// words beside it say the same for screen readers and for anyone who hates bars.

import type { CheckListResult } from '../../../core/app/api';
import { signed } from './check-words';
import { contributing } from './list-rows';

interface Segment {
  list: CheckListResult;
  from: number;
  to: number;
}

/** Positive weights stack right from 0, negative ones left from 0. */
function segments(lists: CheckListResult[]): Segment[] {
  let up = 0;
  let down = 0;
  return lists.map((list) => {
    if (list.weight >= 0) {
      const s = { list, from: up, to: up + list.weight };
      up += list.weight;
      return s;
    }
    const s = { list, from: down + list.weight, to: down };
    down += list.weight;
    return s;
  });
}

export function ScoreBar({
  score,
  threshold,
  lists,
}: {
  score: number;
  threshold: number;
  lists: CheckListResult[];
}) {
  const counting = contributing(lists);
  const segs = segments(counting);
  const low = Math.min(0, ...segs.map((s) => s.from), score);
  const high = Math.max(threshold, ...segs.map((s) => s.to), score, 1) * 1.15;
  const at = (x: number) => ((x - low) / (high - low)) * 100;
  const pct = (x: number) => `${at(x)}%`;
  // A marker's label is centred on it, except near an edge, where it would be cut off.
  const align = (x: number) => (at(x) < 8 ? 'start' : at(x) > 92 ? 'end' : 'center');
  const over = score >= threshold;
  const words = counting.length
    ? counting.map((l) => `${l.zone} ${signed(l.weight)}`).join(', ')
    : 'no list counts';
  return (
    <div className={`score ${over ? 'score--over' : 'score--under'}`} data-testid="score">
      <p className="score__words">
        <strong data-testid="score-text">
          score {score} / threshold {threshold}
        </strong>{' '}
        <span className="muted">
          {over ? '— at or over the threshold' : '— under the threshold'} ({words})
        </span>
      </p>
      <div className="score__bar" aria-hidden="true">
        {segs.map((s, i) => (
          <span
            key={`${i}:${s.list.zone}`}
            className={`score__seg ${s.list.weight < 0 ? 'score__seg--allow' : ''}`}
            style={{ left: pct(s.from), width: `calc(${pct(s.to)} - ${pct(s.from)})` }}
            title={`${s.list.zone} ${signed(s.list.weight)}`}
          >
            <span className="score__seg-label">
              {s.list.zone} {signed(s.list.weight)}
            </span>
          </span>
        ))}
        <span className="score__zero" style={{ left: pct(0) }} />
        <span
          className={`score__threshold score__marker--${align(threshold)}`}
          style={{ left: pct(threshold) }}
        >
          <span className="score__marker-label">threshold {threshold}</span>
        </span>
        <span className={`score__net score__marker--${align(score)}`} style={{ left: pct(score) }}>
          <span className="score__marker-label">score {score}</span>
        </span>
      </div>
    </div>
  );
}
