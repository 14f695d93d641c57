// What every check receives and returns. Runtime: types only (plus a tiny helper).

import type { Facts } from '../engine/facts';
import type { Reply } from '../engine/replies';
import type { CheckTrace, ServerProfile } from '../engine/types';
import type { GreylistStore } from '../greylist/state';
import type { Policy } from '../policy/schema';

export interface CheckContext {
  address: string;
  helo: string | undefined;
  sender: string | undefined;
  recipient: string | undefined;
  pregreet: boolean;
  policy: Policy;
  facts: Facts;
  profile: ServerProfile;
  /** Unix milliseconds. */
  now: number;
  greylist?: { store: GreylistStore; peek: boolean };
  /** Checks an allowlist entry told later checks to skip. */
  skip: Set<'postscreen' | 'dnsbl' | 'greylisting'>;
  /** A check whose action is "greylist" asks for greylisting regardless of its scope. */
  forceGreylist: boolean;
  /** Scores from checks whose action is "score", added to the DNSBL score by the policy service. */
  extraScore: { rule: string; score: number }[];
}

export interface CheckResult {
  trace: CheckTrace;
  /** When the check decides the transaction (reject, defer, greylist, or accept outright). */
  reply?: Reply;
}

export const result = (
  trace: Omit<CheckTrace, 'ms'> & { ms?: number },
  reply?: Reply,
): CheckResult => ({
  trace: { ms: 0, ...trace },
  ...(reply ? { reply } : {}),
});
