// A decision as the queue shows it, and the marks a decision sets on its pairs (with the marks
// they replace, so an undo restores exactly what was there). Runtime: pure.

import type { ReviewDecisionInfo, ReviewPair } from '../app/types/review';
import type { DecisionRow } from '../store/review-repo';
import type { AppliedEntry } from './whitelist-entry';

export interface PriorMark {
  client: string;
  senderDomain: string;
  /** The mark the pair had before, if any. */
  before?: { wanted: boolean; note: string; actor: string; markedAt: number };
}

/** What review_decisions.change holds. */
export interface DecisionChange {
  summary: string;
  applied?: AppliedEntry;
  marks: PriorMark[];
  pairs: ReviewPair[];
}

export function decisionInfo(d: DecisionRow): ReviewDecisionInfo {
  const c = d.change as DecisionChange;
  return {
    id: d.id,
    kind: d.kind,
    summary: c.summary,
    ...(d.versionId !== null ? { versionId: d.versionId } : {}),
    at: d.decidedAt,
    actor: d.actor,
  };
}
