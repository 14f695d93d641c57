// Quotas and reoffender escalation are part of the policy already; they are enforced by a later
// version. Until then the trace says so rather than pretending. Runtime: pure.

import { result, type CheckContext, type CheckResult } from './check';

export function notYetEnforced(ctx: CheckContext): CheckResult[] {
  const out: CheckResult[] = [];
  if (ctx.policy.quotas.enabled) {
    out.push(
      result({
        check: 'quotas',
        stage: 'policy',
        status: 'not-enforced',
        outcome: 'continue',
        rule: 'quota',
        detail: 'quotas are in the policy but not enforced by this version',
      }),
    );
  }
  if (ctx.policy.reoffenders.enabled) {
    out.push(
      result({
        check: 'reoffenders',
        stage: 'policy',
        status: 'not-enforced',
        outcome: 'continue',
        rule: 'reoffender',
        detail: 'reoffender escalation is in the policy but not enforced by this version',
      }),
    );
  }
  return out;
}
