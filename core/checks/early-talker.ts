// postscreen's pregreet test: a client that talks before the banner is a bot. Runtime: pure.

import { REPLIES } from '../engine/replies';
import { result, type CheckContext, type CheckResult } from './check';

export function earlyTalker(ctx: CheckContext): CheckResult {
  const { enabled, action, greetWaitSeconds } = ctx.policy.earlyTalker;
  const base = {
    check: 'early talker',
    stage: 'postscreen' as const,
    rule: 'postscreen.pregreet' as const,
  };
  if (!enabled)
    return result({
      ...base,
      status: 'skipped',
      outcome: 'continue',
      detail: 'the pregreet test is off',
    });
  if (!ctx.pregreet)
    return result({
      ...base,
      status: 'miss',
      outcome: 'continue',
      detail: `waited for the banner (greet wait ${greetWaitSeconds} s)`,
    });
  if (action === 'ignore')
    return result({
      ...base,
      status: 'hit',
      outcome: 'continue',
      dryRun: true,
      detail: 'talked before the banner; the action is "ignore": logged only',
    });
  return result(
    {
      ...base,
      status: 'hit',
      outcome: 'reject',
      detail: `talked before the banner; rejected (${action})`,
    },
    REPLIES.postscreenPregreet(action),
  );
}
