// SPF for the envelope sender (or the HELO name for the null sender): pass, fail, softfail…
// temperror and permerror are unknowns, shown as such.

import { Spinner } from '../servers/Spinner';
import type { CheckRun } from './check-run';
import { Timing } from './Timing';

const TONE: Record<string, string> = {
  pass: 'ok',
  fail: 'bad',
  softfail: 'warn',
  neutral: 'muted',
  none: 'muted',
  temperror: 'unknown',
  permerror: 'unknown',
};

export function SpfFact({ run }: { run: CheckRun }) {
  const s = run.report?.spf ?? run.spf;
  if (!s) {
    if (run.input.sender === undefined)
      return <span className="muted">not checked: give a sender (under “More”)</span>;
    if (run.report) return <span className="muted">not checked</span>;
    return (
      <span className="fact-line">
        <Spinner /> checking SPF…
      </span>
    );
  }
  const detail = 'detail' in s && s.detail !== s.result ? s.detail : undefined;
  return (
    <span className="fact-line" data-testid="spf">
      <span className={`fact-tone fact-tone--${TONE[s.result] ?? 'muted'}`}>
        <strong>{s.result}</strong>
        {s.domain && (
          <>
            {' '}
            for <code>{s.domain}</code>
          </>
        )}
      </span>
      <Timing ms={s.ms} />
      {detail && <span className="fact-detail muted">{detail}</span>}
    </span>
  );
}
