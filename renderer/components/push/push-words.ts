// How pushes read in the UI: step and outcome names, which outcomes are good, and the tone of
// their badges. Shared by the dialog, the history and the details.

import type { PushOutcome, PushStep, PushSummary } from '../../../core/app/types/push';
import { GOOD_OUTCOMES } from '../../../core/app/types/push';

/** The steps shown as columns while a push runs (lock, record and cleanup are folded in). */
export const SHOWN_STEPS: readonly PushStep[] = [
  'connect',
  'plan',
  'stage',
  'validate',
  'swap',
  'reload',
  'verify',
];

export const STEP_LABEL: Record<PushStep, string> = {
  connect: 'Connect',
  lock: 'Lock',
  plan: 'Plan',
  stage: 'Stage',
  validate: 'Validate',
  swap: 'Swap',
  reload: 'Reload',
  verify: 'Verify',
  record: 'Record',
  rollback: 'Roll back',
  cleanup: 'Clean up',
};

export const OUTCOME_LABEL: Record<PushOutcome | 'pending' | 'running', string> = {
  applied: 'Applied',
  unchanged: 'Already up to date',
  validated: 'Validated (dry run)',
  failed: 'Failed — previous configuration kept',
  'rolled-back': 'Rolled back',
  drift: 'Not pushed: changed on the server',
  locked: 'Busy: another push holds it',
  cancelled: 'Cancelled before the swap',
  skipped: 'Skipped',
  broken: 'Needs attention',
  pending: 'Waiting',
  running: 'Running',
};

export const SUMMARY_LABEL: Record<PushSummary['outcome'], string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  partial: 'Partly failed',
  cancelled: 'Cancelled',
};

export type Tone = 'ok' | 'bad' | 'warn' | 'muted';

export function outcomeTone(o: PushOutcome | 'pending' | 'running'): Tone {
  if (GOOD_OUTCOMES.includes(o as PushOutcome)) return 'ok';
  if (o === 'pending' || o === 'running' || o === 'skipped') return 'muted';
  if (o === 'drift' || o === 'locked' || o === 'cancelled') return 'warn';
  return 'bad';
}

export function summaryTone(o: PushSummary['outcome']): Tone {
  return o === 'succeeded' ? 'ok' : o === 'running' ? 'muted' : o === 'cancelled' ? 'warn' : 'bad';
}

export const isGood = (o: PushOutcome | 'pending' | 'running') =>
  GOOD_OUTCOMES.includes(o as PushOutcome);
