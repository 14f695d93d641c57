// "Score of a client listed here": tick the lists a hypothetical client is on and see, live, its
// score against the thresholds and what postscreen would do — before any real client meets it.

import { useId, useState } from 'react';
import type { DnsList } from '../../../core/policy/schema';
import { Card } from '../servers/Card';
import { scoreClient, signed } from './dnsbl-score';

export function ScoreHelper({
  lists,
  threshold,
  allowlistThreshold,
}: {
  lists: readonly DnsList[];
  threshold: number;
  allowlistThreshold: number;
}) {
  const id = useId();
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const result = scoreClient(lists, ticked, threshold, allowlistThreshold);
  const toggle = (i: number) =>
    setTicked((s) => {
      const next = new Set(s);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  return (
    <Card title="Score of a client listed here" testId="score-helper">
      {lists.length === 0 ? (
        <p className="muted">Add a DNS list to see how a listed client would be scored.</p>
      ) : (
        <>
          <fieldset className="score-helper__lists">
            <legend className="pfield__hint">
              A client is listed on (its answer passes the filter):
            </legend>
            {lists.map((l, i) => (
              <label key={i} className="checkbox">
                <input type="checkbox" checked={ticked.has(i)} onChange={() => toggle(i)} />
                <span>
                  <code className="verbatim">
                    {l.zone || '(no zone)'}
                    {l.filter ? `=${l.filter}` : ''}
                  </code>{' '}
                  <span className={`num ${l.weight < 0 ? 'text-ok' : ''}`}>{signed(l.weight)}</span>
                  {!l.enabled && <span className="muted"> (disabled)</span>}
                  {l.enabled && l.dryRun && <span className="muted"> (dry-run: counts 0)</span>}
                </span>
              </label>
            ))}
          </fieldset>
          <div
            className={`score-result score-result--${result.outcome}`}
            role="status"
            aria-live="polite"
            aria-labelledby={`${id}-word`}
            data-testid="score-result"
          >
            <span id={`${id}-word`} className="score-result__word">
              {result.outcome === 'rejected'
                ? 'Rejected'
                : result.outcome === 'allowlisted'
                  ? 'Allowlisted'
                  : 'Passes'}
            </span>
            <span className="score-result__score num">score {result.score}</span>
            <span>{result.sentence}</span>
          </div>
        </>
      )}
    </Card>
  );
}
