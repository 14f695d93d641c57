// What the engine is asked, what it answers, and what it needs. Runtime: types only.

import type { RuleId } from '../policy/rules';

export interface EvaluationRequest {
  /** The connecting client: an IPv4 or IPv6 address. */
  address: string;
  helo?: string;
  /** Envelope sender; '' is the null sender (bounces). */
  sender?: string;
  recipient?: string;
  /** The client spoke before the banner (postscreen's pregreet test). */
  pregreet?: boolean;
  /** Unix milliseconds; defaults to the engine's clock. */
  time?: number;
}

/** What a server can enforce: decides which checks act and which are only reported. */
export interface ServerProfile {
  name: string;
  postscreen: boolean;
  /** The policy-service stage: postgrey (greylisting only), mxwarden's policy service (everything), or none. */
  policyService: 'postgrey' | 'mxwarden' | 'none';
}

export const FLEET_PROFILE: ServerProfile = {
  name: 'postscreen + postgrey',
  postscreen: true,
  policyService: 'postgrey',
};

export type Stage = 'postscreen' | 'smtpd' | 'policy';

export type CheckStatus =
  /** The check fired (matched, listed, failed…). */
  | 'hit'
  /** It looked and found nothing. */
  | 'miss'
  | 'skipped'
  | 'timeout'
  | 'error'
  /** The policy asks for it, but this server cannot enforce it (said, never silently dropped). */
  | 'not-enforced';

export type Outcome = 'accept' | 'reject' | 'defer' | 'greylist' | 'continue' | 'allow';

export interface CheckTrace {
  check: string;
  stage: Stage;
  status: CheckStatus;
  /** What this check did to the transaction. */
  outcome: Outcome;
  rule?: RuleId;
  /** One sentence for people: "listed in zen.lab.example as 127.0.0.2 (weight 3)". */
  detail: string;
  dryRun?: boolean;
  ms: number;
  data?: Record<string, unknown>;
}

export type VerdictAction = 'accept' | 'reject' | 'defer' | 'greylist';

export interface Verdict {
  action: VerdictAction;
  /** SMTP reply code; undefined when accepted. */
  code?: number;
  enhancedCode?: string;
  /** The reply the client would read, e.g. "550 5.7.1 Service unavailable; client [192.0.2.1] blocked using zen.spamhaus.org". */
  reply: string;
  rule?: RuleId;
  ruleLabel?: string;
  stage?: Stage;
  /** One line: "rejected by RBL zen.spamhaus.org: score 8 ≥ 6". */
  summary: string;
  trace: CheckTrace[];
  /** Rules in dry-run that would have rejected or deferred. */
  dryRunHits: CheckTrace[];
  profile: string;
  durationMs: number;
}
