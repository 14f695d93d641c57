// Check IP as it crosses the API: the question, the streamed answers, the report.
// Runtime: types only.

import type { CheckTrace, ServerProfile, Verdict } from '../../engine/types';

export type { CheckTrace, Verdict } from '../../engine/types';

export interface CheckRequest {
  /** Chosen by the caller; progress events carry it. */
  runId: string;
  /** An IPv4/IPv6 address, or a host name (its addresses are resolved; the first is evaluated). */
  target: string;
  helo?: string;
  sender?: string;
  recipient?: string;
  /** Evaluate as this server would (from its last inspection); default: postscreen + postgrey. */
  serverId?: number;
  /** A policy to use instead of the current one (an unsaved edit, a file on the command line). */
  policy?: unknown;
  /** DNS servers to use instead of the settings', e.g. "127.0.0.1:5353". */
  dnsServers?: string;
}

export interface CheckListResult {
  zone: string;
  filter?: string;
  weight: number;
  status: 'listed' | 'not-listed' | 'timeout' | 'error' | 'skipped';
  /** The answer passes this entry's return-code filter, so its weight counts. */
  matched: boolean;
  answers: string[];
  text?: string;
  dryRun: boolean;
  ms: number;
}

export type CheckProgress =
  | {
      runId: string;
      kind: 'list';
      zone: string;
      status: CheckListResult['status'];
      answers: string[];
      text?: string;
      /** Answered from the cache (so its time says nothing about the list's speed). */
      cached: boolean;
      /** Each policy entry for this zone: does the answer pass its return-code filter? */
      entries: { filter?: string; weight: number; matched: boolean }[];
      ms: number;
    }
  | {
      runId: string;
      kind: 'rdns';
      /** As in the report: confirmed, unconfirmed, none, timeout, error. */
      status: string;
      names: string[];
      verifiedName?: string;
      ms: number;
    }
  | { runId: string; kind: 'spf'; result: string; domain: string; ms: number };

export interface LargeSenderFact {
  provider: string;
  name: string;
  match: 'range' | 'hostname';
  /** The range or host-name suffix that matched. */
  via: string;
  /** The provider's current data: live (read at asOf) or the shipped snapshot of asOf. */
  origin: 'live' | 'snapshot';
  asOf: string;
  /** How the policy whitelists it, when it does. */
  whitelisted?: 'greylisting' | 'postscreen' | 'all';
}

export interface CheckReport {
  runId: string;
  target: string;
  /** Every address the target stands for; `address` is the one evaluated. */
  addresses: string[];
  address: string;
  version: 4 | 6;
  rdns: { status: string; names: string[]; verifiedName?: string; ms: number };
  lists: CheckListResult[];
  score: number;
  threshold: number;
  spf?: { result: string; domain: string; detail: string; ms: number };
  /** Organisational domain (public-suffix aware) of the verified host name and of the sender. */
  organisation: { client?: string; sender?: string };
  /** The cloud sender whose published ranges hold the address (or whose host names the verified name ends with). */
  largeSender?: LargeSenderFact;
  verdict: Verdict;
  /** What the evaluated server can do (postscreen, policy service): decides what applies. */
  profile: ServerProfile;
  policy: { source: 'saved' | 'template'; versionId?: number; name: string };
  dnsServers: string[];
  durationMs: number;
  /** Things the admin should know, e.g. "no policy saved yet: the Balanced template is used". */
  notes: string[];
}

export type { CheckTrace as CheckTraceLine };
