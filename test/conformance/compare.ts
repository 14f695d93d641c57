// The two sides of a case in one shape, and where they differ: the outcome (accepted, rejected,
// deferred), the full reply (code, enhanced code and text — the engine claims every word of it),
// and the dry-run rules Postfix logged as reject_warning against those the engine reports.
// Runtime: pure.

import type { Verdict } from '../../core/engine/types';
import type { SmtpResult } from '../lab/index';

export type Outcome = 'accepted' | 'rejected' | 'deferred' | 'disconnected';

export interface Side {
  outcome: Outcome;
  /** "550 5.7.1 Service unavailable; ..." or, when accepted, the reply to RCPT TO. */
  reply: string;
  /**
   * Other replies the engine says are equally possible: with lists tied for the largest weight,
   * postscreen names whichever answered first (the engine's trace says which tie).
   */
  alternatives?: string[];
  /** Dry-run rules that would have acted (sorted rule ids). */
  warnings: string[];
}

/** What the real server did: the first 4xx/5xx reply ends the attempt; else RCPT's reply. */
export function observed(r: SmtpResult, warnings: string[]): Side {
  const replies = [
    ...(r.banner ? [{ command: '(banner)', reply: r.banner }] : []),
    ...r.steps.filter((s) => s.command !== 'QUIT'),
  ];
  for (const s of replies) {
    if (!s.reply) return { outcome: 'disconnected', reply: r.error ?? 'no reply', warnings };
    const line = `${s.reply.code} ${s.reply.text}`;
    if (s.reply.code >= 500) return { outcome: 'rejected', reply: line, warnings };
    if (s.reply.code >= 400) return { outcome: 'deferred', reply: line, warnings };
  }
  const rcpt = r.steps.find((s) => s.command.startsWith('RCPT TO'));
  if (!rcpt?.reply) return { outcome: 'disconnected', reply: r.error ?? 'no RCPT', warnings };
  return { outcome: 'accepted', reply: `${rcpt.reply.code} ${rcpt.reply.text}`, warnings };
}

/**
 * The dry-run rules the engine reports that Postfix would log. Dry-run DNS lists on a postscreen
 * server count with weight 0 and are not warnings there; without postscreen they are
 * (warn_if_reject reject_rbl_client) — but only when smtpd got as far as its RBL step.
 */
export function engineWarnings(v: Verdict): string[] {
  const reachedRbl = v.trace.some((t) => t.check === 'RBLs (smtpd)');
  const rules = v.dryRunHits
    .filter((t) => t.stage !== 'postscreen')
    .filter((t) => !t.rule?.startsWith('dnsbl:') || reachedRbl)
    .map((t) => t.rule ?? t.check);
  return [...new Set(rules)].sort();
}

export function predicted(v: Verdict): Side {
  const outcome: Outcome =
    v.action === 'accept' ? 'accepted' : v.action === 'reject' ? 'rejected' : 'deferred';
  const tie = v.trace.find((t) => t.outcome === 'reject' && t.data?.namedOneOf)?.data?.namedOneOf;
  const alternatives = Array.isArray(tie)
    ? tie.map((zone) => v.reply.replace(/blocked using \S+$/, `blocked using ${String(zone)}`))
    : undefined;
  return {
    outcome,
    reply: v.reply,
    warnings: engineWarnings(v),
    ...(alternatives ? { alternatives } : {}),
  };
}

export function differences(engine: Side, postfix: Side): string[] {
  const out: string[] = [];
  if (engine.outcome !== postfix.outcome)
    out.push(`outcome: engine ${engine.outcome}, Postfix ${postfix.outcome}`);
  if (engine.reply !== postfix.reply && !engine.alternatives?.includes(postfix.reply))
    out.push(`reply: engine "${engine.reply}", Postfix "${postfix.reply}"`);
  if (engine.warnings.join(',') !== postfix.warnings.join(','))
    out.push(
      `dry-run warnings: engine [${engine.warnings.join(', ')}], Postfix [${postfix.warnings.join(', ')}]`,
    );
  return out;
}
