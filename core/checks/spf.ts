// SPF for the envelope sender (or the HELO name for bounces): fail and softfail actions.
// Postfix cannot check SPF by itself: it takes mxwarden's policy service. Runtime: pure.

import { REPLIES } from '../engine/replies';
import { fired } from './action';
import { result, type CheckContext, type CheckResult } from './check';

export function spfCheck(ctx: CheckContext): CheckResult {
  const spf = ctx.facts.spf;
  const base = { check: 'SPF', stage: 'policy' as const, ms: spf?.ms ?? 0 };
  if (!spf)
    return result({ ...base, status: 'skipped', outcome: 'continue', detail: 'no sender given' });
  const { fail, softfail } = ctx.policy.spf;
  const detail = `SPF ${spf.result} for ${spf.domain}${spf.detail && spf.detail !== spf.result ? ` (${spf.detail})` : ''}`;
  const action = spf.result === 'fail' ? fail : spf.result === 'softfail' ? softfail : undefined;
  if (!action || action.action === 'off')
    return result({
      ...base,
      status: spf.result === 'temperror' ? 'error' : 'miss',
      outcome: 'continue',
      detail,
    });
  if (ctx.profile.policyService !== 'mxwarden') {
    return result({
      ...base,
      status: 'not-enforced',
      outcome: 'continue',
      rule: spf.result === 'fail' ? 'spf.fail' : 'spf.softfail',
      detail: `${detail} — ${ctx.profile.name} cannot act on SPF (it needs mxwarden's policy service)`,
    });
  }
  const sender = ctx.sender || `postmaster@${ctx.helo ?? spf.domain}`;
  const recipient = ctx.recipient ?? `postmaster@${spf.domain}`;
  return spf.result === 'fail'
    ? fired(
        ctx,
        fail,
        { ...base, rule: 'spf.fail', detail },
        REPLIES.spfFail(recipient, sender, spf.domain),
      )
    : fired(
        ctx,
        softfail,
        { ...base, rule: 'spf.softfail', detail },
        REPLIES.spfSoftfail(recipient, sender, spf.domain),
      );
}
