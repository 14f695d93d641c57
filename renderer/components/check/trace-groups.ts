// The verdict's trace grouped by stage, in the order mail meets them (postscreen → smtpd →
// policy service), with the line that decided marked and the stages never reached said so. Pure.

import type { CheckTrace, Verdict } from '../../../core/app/api';

const STAGES: CheckTrace['stage'][] = ['postscreen', 'smtpd', 'policy'];
const DECIDES = new Set<CheckTrace['outcome']>(['accept', 'reject', 'defer', 'greylist']);

export interface TraceLine {
  index: number;
  trace: CheckTrace;
  decisive: boolean;
}

export interface TraceGroup {
  stage: CheckTrace['stage'];
  lines: TraceLine[];
  /** Why a stage has no lines. */
  empty?: 'not-reached' | 'none';
}

/**
 * The engine stops at the first check that accepts or answers with a reply, and every reply
 * comes with one of those outcomes: so the first such line is the one that decided.
 */
function decisiveIndex(v: Verdict): number {
  return v.trace.findIndex((t) => DECIDES.has(t.outcome));
}

export function traceGroups(v: Verdict): TraceGroup[] {
  const decided = decisiveIndex(v);
  const decidedAt = decided >= 0 ? STAGES.indexOf(v.trace[decided]!.stage) : STAGES.length;
  return STAGES.map((stage, s) => {
    const lines = v.trace
      .map((trace, index) => ({ index, trace, decisive: index === decided }))
      .filter((l) => l.trace.stage === stage);
    if (lines.length) return { stage, lines };
    return { stage, lines, empty: s > decidedAt ? 'not-reached' : 'none' };
  });
}

/** Lines the admin must not miss: the policy asks for something this server cannot do. */
export const notEnforced = (v: Verdict): CheckTrace[] =>
  v.trace.filter((t) => t.status === 'not-enforced');

/** Where the client stands in the allow/deny lists, from the access checks that ran. */
export function accessLines(v: Verdict): CheckTrace[] {
  return v.trace.filter(
    (t) =>
      ['postscreen access list', 'client access', 'sender access'].includes(t.check) ||
      (t.rule?.startsWith('client.') ?? false) ||
      (t.rule?.startsWith('sender.') ?? false),
  );
}

/**
 * Where the DNS lists acted: postscreen adds weights up against the threshold; without it,
 * smtpd's reject_rbl_client entries act one by one and the score means nothing.
 */
export function listStage(v: Verdict): CheckTrace['stage'] | undefined {
  return v.trace.find((t) => t.rule?.startsWith('dnsbl:') || t.rule?.startsWith('dnswl:'))?.stage;
}
