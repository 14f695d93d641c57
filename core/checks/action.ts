// Turning a check that fired into what its configured action does: reject, defer, greylist,
// add to the score, or only log (dry-run). Greylist and score need mxwarden's policy service.
// Runtime: pure.

import type { Reply } from '../engine/replies';
import type { CheckTrace } from '../engine/types';
import type { CheckAction } from '../policy/schema';
import { result, type CheckContext, type CheckResult } from './check';

type Base = Pick<CheckTrace, 'check' | 'stage' | 'rule' | 'detail'> & {
  ms?: number;
  data?: Record<string, unknown>;
};

/** A 4xx twin of a 5xx reply, as Postfix's *_reject_code settings produce it. */
export const asDefer = (r: Reply): Reply => ({
  ...r,
  code: 450,
  enhanced: `4${r.enhanced.slice(1)}`,
});

export function fired(
  ctx: CheckContext,
  action: CheckAction,
  base: Base,
  reply: Reply,
): CheckResult {
  if (action.dryRun)
    return result({
      ...base,
      status: 'hit',
      outcome: 'continue',
      dryRun: true,
      detail: `${base.detail} — dry-run: would ${action.action}`,
    });
  switch (action.action) {
    case 'off':
      return result({
        ...base,
        status: 'skipped',
        outcome: 'continue',
        detail: `${base.detail} — the check is off`,
      });
    case 'reject':
      return result(
        { ...base, status: 'hit', outcome: 'reject' },
        reply.code >= 500
          ? reply
          : { ...reply, code: 550, enhanced: `5${reply.enhanced.slice(1)}` },
      );
    case 'defer':
      return result({ ...base, status: 'hit', outcome: 'defer' }, asDefer(reply));
    case 'greylist':
    case 'score': {
      if (ctx.profile.policyService !== 'mxwarden') {
        return result({
          ...base,
          status: 'not-enforced',
          outcome: 'continue',
          detail: `${base.detail} — "${action.action}" needs mxwarden's policy service; ${ctx.profile.name} cannot do it`,
        });
      }
      if (action.action === 'greylist') {
        ctx.forceGreylist = true;
        return result({
          ...base,
          status: 'hit',
          outcome: 'continue',
          detail: `${base.detail} — greylisted even if greylisting would not apply`,
        });
      }
      ctx.extraScore.push({ rule: base.rule ?? base.check, score: action.score ?? 0 });
      return result({
        ...base,
        status: 'hit',
        outcome: 'continue',
        detail: `${base.detail} — adds ${action.score ?? 0} to the score`,
      });
    }
  }
}
