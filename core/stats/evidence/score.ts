// How strongly the facts about a rejected client/sender say the mail was wanted: a score and the
// reasons in words. Weights: an address in a large sender's published ranges or mail from it
// accepted later weigh most; forward-confirmed reverse DNS, an SPF pass for the envelope domain
// and a sending pool (several addresses of one organisation retrying) each add some. "Likely"
// starts at two independent good signs. Runtime: pure.

export interface EvidenceFacts {
  fcrdns: { status: 'confirmed' | 'unconfirmed' | 'none' | 'unknown'; name?: string };
  spf?: { result: string; domain: string };
  largeSender?: string;
  pool: { addresses: number; organisation?: string };
  laterAccepted: { messages: number; firstAt?: number };
}

export const WEIGHTS = {
  fcrdns: 2,
  spfPass: 2,
  largeSender: 3,
  pool: 2,
  laterAccepted: 3,
} as const;

/** The score from which a rejection counts as a likely false positive. */
export const LIKELY_FROM = 4;

export function scoreEvidence(f: EvidenceFacts): {
  score: number;
  likely: boolean;
  reasons: string[];
} {
  let score = 0;
  const reasons: string[] = [];
  if (f.fcrdns.status === 'confirmed') {
    score += WEIGHTS.fcrdns;
    reasons.push(`Forward-confirmed reverse DNS (${f.fcrdns.name ?? 'named'})`);
  }
  if (f.spf?.result === 'pass') {
    score += WEIGHTS.spfPass;
    reasons.push(`SPF pass for ${f.spf.domain}`);
  }
  if (f.largeSender) {
    score += WEIGHTS.largeSender;
    reasons.push(`Inside ${f.largeSender}'s published sending ranges`);
  }
  if (f.pool.addresses >= 2) {
    score += WEIGHTS.pool;
    reasons.push(
      `Retried from ${f.pool.addresses} addresses${f.pool.organisation ? ` of ${f.pool.organisation}` : ''} (a sending pool)`,
    );
  }
  if (f.laterAccepted.messages > 0) {
    score += WEIGHTS.laterAccepted;
    reasons.push(
      `${f.laterAccepted.messages} message${f.laterAccepted.messages === 1 ? '' : 's'} from this client accepted later`,
    );
  }
  return { score, likely: score >= LIKELY_FROM, reasons };
}
