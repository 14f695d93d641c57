// One Check IP run as the page sees it: the question, the answers streamed so far (per DNS
// zone, rDNS, SPF), then the final report or the API's error. Pure: the hook that feeds it
// lives in use-check-run.ts.

import type { ApiError, CheckProgress, CheckReport, CheckRequest } from '../../../core/app/api';
import type { DnsList } from '../../../core/policy/schema';

/** What the admin asks; the runId is added per run. */
export type CheckInput = Pick<
  CheckRequest,
  'target' | 'helo' | 'sender' | 'recipient' | 'serverId'
>;

export type ZoneProgress = Extract<CheckProgress, { kind: 'list' }>;
export type RdnsProgress = Extract<CheckProgress, { kind: 'rdns' }>;
export type SpfProgress = Extract<CheckProgress, { kind: 'spf' }>;

export interface CheckRun {
  runId: string;
  input: CheckInput;
  /** The enabled lists of the policy in force: the rows to fill in while answers stream. */
  expected?: DnsList[];
  /** Streamed list answers by zone (lower case): several weighted entries share one query. */
  answers: Readonly<Record<string, ZoneProgress>>;
  rdns?: RdnsProgress;
  spf?: SpfProgress;
  report?: CheckReport;
  error?: ApiError;
}

export const startRun = (runId: string, input: CheckInput): CheckRun => ({
  runId,
  input,
  answers: {},
});

export const isRunning = (run: CheckRun): boolean => !run.report && !run.error;

/** Folds one progress event into the run; events of another run are ignored. */
export function applyProgress(run: CheckRun, p: CheckProgress): CheckRun {
  if (p.runId !== run.runId || run.report) return run;
  switch (p.kind) {
    case 'list':
      return { ...run, answers: { ...run.answers, [p.zone.toLowerCase()]: p } };
    case 'rdns':
      return { ...run, rdns: p };
    case 'spf':
      return { ...run, spf: p };
  }
}

/** Zones of the policy still unanswered (empty once the report is in). */
export function pendingZones(run: CheckRun): string[] {
  if (run.report || run.error || !run.expected) return [];
  const zones = new Set(run.expected.map((l) => l.zone.toLowerCase()));
  return [...zones].filter((z) => !run.answers[z]);
}

/** Fleet-wide, or as a chosen server: both show in the history and the text report. */
export function describeInput(input: CheckInput): string {
  return [
    input.target,
    input.helo && `HELO ${input.helo}`,
    input.sender !== undefined && `from <${input.sender}>`,
    input.recipient && `to <${input.recipient}>`,
  ]
    .filter(Boolean)
    .join(' · ');
}
