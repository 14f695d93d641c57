// Reverse DNS: a PTR record at all (reject_unknown_reverse_client_hostname), or one that is
// forward-confirmed (reject_unknown_client_hostname). A DNS failure is always temporary.
// Runtime: pure.

import { REPLIES } from '../engine/replies';
import { fired } from './action';
import { result, type CheckContext, type CheckResult } from './check';

export function rdnsCheck(ctx: CheckContext): CheckResult {
  const { require, action } = ctx.policy.rdns;
  const r = ctx.facts.rdns;
  const base = {
    check: 'reverse DNS',
    stage: 'smtpd' as const,
    ms: r.ms,
    data: { names: r.names, verifiedName: r.verifiedName },
  };
  const known = r.verifiedName
    ? `${ctx.address} is ${r.verifiedName} (forward-confirmed)`
    : r.names.length
      ? `PTR ${r.names.join(', ')}, not forward-confirmed`
      : 'no PTR record';
  if (require === 'none' || action.action === 'off')
    return result({
      ...base,
      status: 'skipped',
      outcome: 'continue',
      detail: `${known}; not required`,
    });
  if (r.status === 'timeout' || r.status === 'error') {
    // Postfix defers on a temporary DNS failure whatever the configured code.
    const rule = require === 'ptr' ? 'rdns.missing' : 'rdns.unconfirmed';
    if (action.dryRun)
      return result({
        ...base,
        status: r.status,
        outcome: 'continue',
        rule,
        dryRun: true,
        detail: `reverse DNS lookup ${r.status === 'timeout' ? 'timed out' : 'failed'} — dry-run: would defer`,
      });
    const reply =
      require === 'ptr'
        ? REPLIES.rdnsMissing(ctx.address, 450)
        : REPLIES.rdnsUnconfirmed(ctx.address, 450);
    return result(
      {
        ...base,
        status: r.status,
        outcome: 'defer',
        rule,
        detail: `reverse DNS lookup ${r.status === 'timeout' ? 'timed out' : 'failed'}: deferred`,
      },
      reply,
    );
  }
  if (require === 'ptr') {
    if (r.names.length > 0)
      return result({
        ...base,
        status: 'miss',
        outcome: 'continue',
        rule: 'rdns.missing',
        detail: known,
      });
    return fired(
      ctx,
      action,
      { ...base, rule: 'rdns.missing', detail: known },
      REPLIES.rdnsMissing(ctx.address, 550),
    );
  }
  if (r.verifiedName)
    return result({
      ...base,
      status: 'miss',
      outcome: 'continue',
      rule: 'rdns.unconfirmed',
      detail: known,
    });
  return fired(
    ctx,
    action,
    { ...base, rule: 'rdns.unconfirmed', detail: known },
    REPLIES.rdnsUnconfirmed(ctx.address, 550),
  );
}
