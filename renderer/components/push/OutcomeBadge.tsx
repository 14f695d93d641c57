// An outcome as a coloured badge with words (colour is never the only signal).

import type { PushOutcome, PushSummary } from '../../../core/app/types/push';
import { OUTCOME_LABEL, outcomeTone, SUMMARY_LABEL, summaryTone } from './push-words';

export function OutcomeBadge({ outcome }: { outcome: PushOutcome | 'pending' | 'running' }) {
  return (
    <span className={`badge push-badge push-badge--${outcomeTone(outcome)}`} data-outcome={outcome}>
      {OUTCOME_LABEL[outcome]}
    </span>
  );
}

export function SummaryBadge({ outcome }: { outcome: PushSummary['outcome'] }) {
  return (
    <span className={`badge push-badge push-badge--${summaryTone(outcome)}`} data-outcome={outcome}>
      {SUMMARY_LABEL[outcome]}
    </span>
  );
}
