// Reverse DNS: the PTR names, and whether one of them resolves back to the address (Postfix's
// verified client name). A timeout is unknown, not "no PTR".

import { Spinner } from '../servers/Spinner';
import type { CheckRun } from './check-run';
import { rdnsWords } from './check-words';
import { Timing } from './Timing';

export function RdnsFact({ run }: { run: CheckRun }) {
  const r = run.report?.rdns ?? run.rdns;
  if (!r)
    return (
      <span className="fact-line">
        <Spinner /> looking up the PTR…
      </span>
    );
  const tone = r.verifiedName
    ? 'ok'
    : r.names.length
      ? 'warn'
      : r.status === 'none'
        ? 'warn'
        : 'unknown';
  return (
    <span className="fact-line" data-testid="rdns">
      <span className={`fact-tone fact-tone--${tone}`}>
        {r.verifiedName ? (
          <>
            <code>{r.verifiedName}</code> <span className="badge badge--on">forward-confirmed</span>
            {r.names.length > 1 && (
              <span className="muted">
                {' '}
                (PTR also: {r.names.filter((n) => n !== r.verifiedName).join(', ')})
              </span>
            )}
          </>
        ) : r.names.length ? (
          <>
            <code>{r.names.join(', ')}</code>{' '}
            <span className="badge badge--warn">not forward-confirmed</span>
          </>
        ) : (
          rdnsWords(r)
        )}
      </span>
      <Timing ms={r.ms} />
    </span>
  );
}
