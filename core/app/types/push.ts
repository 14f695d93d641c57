// Pushes as they cross the API: the plan shown before a push (per-server diff and drift), live
// progress, and the record of what happened on each server. Runtime: types only.

import type { ApiError } from '../api';
import type { PreviewFile, PreviewSetting } from './policy';

/** The steps of a push to one server, in order. */
export const PUSH_STEPS = [
  'connect',
  'lock',
  'plan',
  'stage',
  'validate',
  'swap',
  'reload',
  'verify',
  'record',
  'rollback',
  'cleanup',
] as const;
export type PushStep = (typeof PUSH_STEPS)[number];

/**
 * What became of one server:
 * - applied: the new configuration is live and verified;
 * - unchanged: it already had exactly this configuration (nothing was touched);
 * - validated: dry run — staged and validated on the server, nothing swapped;
 * - failed: stopped before the swap; the server still has its previous configuration;
 * - rolled-back: failed after the swap; the previous configuration was restored and verified;
 * - drift: not pushed — someone changed what mxwarden manages there; the admin must choose;
 * - locked: another push holds the server;
 * - cancelled: stopped before the swap on request;
 * - skipped: not attempted (the canary failed, or the rollout was cancelled first);
 * - broken: the server could not be brought back to a verified state — a person must look.
 */
export type PushOutcome =
  | 'applied'
  | 'unchanged'
  | 'validated'
  | 'failed'
  | 'rolled-back'
  | 'drift'
  | 'locked'
  | 'cancelled'
  | 'skipped'
  | 'broken';

/** Outcomes that leave the server as the admin wanted it. */
export const GOOD_OUTCOMES: readonly PushOutcome[] = ['applied', 'unchanged', 'validated'];

export interface PushStepRecord {
  step: PushStep;
  status: 'ok' | 'failed' | 'skipped';
  startedAt: number;
  ms: number;
  /** One line a sysadmin can read: "3 files, 2 settings staged", "postfix reload: exit 1". */
  message?: string;
  /** The server's own output when the step failed. */
  output?: string;
}

export interface DriftItem {
  kind: 'file' | 'parameter' | 'postgrey';
  /** File path, main.cf parameter name, or "POSTGREY_OPTS". */
  name: string;
  /** What mxwarden wrote (undefined: nothing — the item appeared). */
  expected?: string;
  /** What the server has now (undefined: it is gone). */
  actual?: string;
}

export interface DriftReport {
  serverId: number;
  serverName: string;
  checkedAt: number;
  /** The push that wrote what the server should have (none: mxwarden never pushed there). */
  lastPush?: { pushId: string; at: number; actor: string; policyVersionId: number | null };
  items: DriftItem[];
}

export interface PushServerPlan {
  serverId: number;
  serverName: string;
  /** Why this server cannot be pushed (unreachable, not inspected, missing rights…). */
  problem?: ApiError;
  files: PreviewFile[];
  mainCf: PreviewSetting[];
  /** The postgrey options mxwarden sets, before and after (when postgrey greylists there). */
  postgrey?: { current: string; compiled: string };
  /** Files in the managed directory this policy no longer writes. */
  stale: string[];
  /** Nothing would change. */
  unchanged: boolean;
  drift: DriftItem[];
  unsupported: { rule: string; message: string }[];
  notes: string[];
}

export interface PushPlan {
  policyVersionId: number;
  policyName: string;
  servers: PushServerPlan[];
}

export interface PushServerResult {
  serverId: number;
  serverName: string;
  canary: boolean;
  outcome: PushOutcome | 'pending' | 'running';
  failedStep?: PushStep;
  error?: ApiError;
  steps: PushStepRecord[];
  /** What the push changed (or would have): counts for the summary, names for the details. */
  changes: { files: string[]; parameters: string[]; postgrey: boolean };
  /** What the server has now, as far as the push could check: its previous or the new configuration. */
  state?: 'previous' | 'new' | 'unknown';
  /** When the outcome is drift: what was changed on the server. */
  drift?: DriftItem[];
}

export interface PushSummary {
  id: string;
  startedAt: number;
  finishedAt?: number;
  actor: string;
  policyVersionId: number;
  policyName: string;
  dryRun: boolean;
  /** A rollback is a push of an earlier version; this says so in the history. */
  kind: 'push' | 'rollback';
  outcome: 'running' | 'succeeded' | 'failed' | 'partial' | 'cancelled';
  servers: PushServerResult[];
}

export interface PushRequest {
  /** Exactly one way of choosing servers. */
  serverIds?: number[];
  tag?: string;
  all?: boolean;
  /** Default: the current saved version. */
  policyVersionId?: number;
  dryRun?: boolean;
  /** Servers whose drift the admin has seen and agrees to overwrite. */
  overwriteDrift?: number[];
  /** The canary (default: the first selected server). */
  canaryId?: number;
  /** How many servers after the canary at once (default 4). */
  concurrency?: number;
  /** Echoed in events, so a window knows which progress is its own. */
  clientToken?: string;
}

export interface PushProgress {
  pushId: string;
  clientToken?: string;
  serverId: number;
  serverName: string;
  step: PushStep;
  status: 'running' | 'ok' | 'failed' | 'skipped';
  message?: string;
  /** Set when the server is done. */
  outcome?: PushOutcome;
}
