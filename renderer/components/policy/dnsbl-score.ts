// The score of a hypothetical client on some of the DNS lists, judged as postscreen (and the
// engine, core/checks/dnsbl.ts) judge it: enabled lists count, dry-run ones count 0; at or above
// the threshold it is rejected (if a blocklist counted), at or below a negative allowlist
// threshold it skips postscreen's other tests. Pure.

import type { DnsList } from '../../../core/policy/schema';

export type ScoreOutcome = 'rejected' | 'allowlisted' | 'passes';

export interface ScoreResult {
  score: number;
  outcome: ScoreOutcome;
  /** Ticked lists that do not count, and why. */
  ignored: { index: number; why: string }[];
  sentence: string;
}

export function scoreClient(
  lists: readonly DnsList[],
  ticked: ReadonlySet<number>,
  threshold: number,
  allowlistThreshold: number,
): ScoreResult {
  let score = 0;
  let blocklisted = false;
  const ignored: ScoreResult['ignored'] = [];
  lists.forEach((l, index) => {
    if (!ticked.has(index)) return;
    if (!l.enabled) return void ignored.push({ index, why: 'disabled: not looked up' });
    if (l.dryRun) return void ignored.push({ index, why: 'dry-run: logged with weight 0' });
    const w = Number.isFinite(l.weight) ? l.weight : 0;
    score += w;
    if (w > 0) blocklisted = true;
  });
  if (score >= threshold && blocklisted)
    return {
      score,
      outcome: 'rejected',
      ignored,
      sentence: `Score ${score} ≥ threshold ${threshold}: rejected by postscreen.`,
    };
  if (allowlistThreshold < 0 && score <= allowlistThreshold)
    return {
      score,
      outcome: 'allowlisted',
      ignored,
      sentence: `Score ${score} ≤ allowlist threshold ${allowlistThreshold}: allowlisted — postscreen’s other tests are skipped.`,
    };
  return {
    score,
    outcome: 'passes',
    ignored,
    sentence: `Score ${score} < threshold ${threshold}: passes the DNS lists; the other checks decide.`,
  };
}

export const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');
