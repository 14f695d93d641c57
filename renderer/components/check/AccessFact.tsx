// Whether the client (or its sender) is on an allow or deny list, from the access checks the
// engine ran; a check the verdict never reached is said to be unchecked, not "not listed".

import type { Verdict } from '../../../core/app/api';
import { accessLines } from './trace-groups';

export function AccessFact({ verdict }: { verdict: Verdict }) {
  const lines = accessLines(verdict);
  if (lines.length === 0)
    return <span className="muted">not checked: the verdict was reached before them</span>;
  const hits = lines.filter((t) => t.status === 'hit' || t.status === 'not-enforced');
  if (hits.length === 0)
    return (
      <span data-testid="access">
        in no allow or deny list{' '}
        <span className="muted">({lines.map((t) => t.check).join(', ')})</span>
      </span>
    );
  return (
    <ul className="plain-list" data-testid="access">
      {hits.map((t, i) => {
        const deny = t.rule?.endsWith('.deny') ?? false;
        return (
          <li key={i} className={`fact-tone fact-tone--${deny ? 'bad' : 'ok'}`}>
            <strong>{t.check}</strong>: {t.detail}
          </li>
        );
      })}
    </ul>
  );
}
