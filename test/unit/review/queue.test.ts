// Grouping and ordering of the review queue, and which pairs a whitelist covers (a forger of a
// whitelisted domain is not counted as a confirmed false positive).

import { describe, expect, it } from 'vitest';
import type { EvidenceReport } from '../../../core/app/types/stats';
import { coveredPairs } from '../../../core/review/covered-pairs';
import { groupQueue } from '../../../core/review/group-queue';
import type { PairRow } from '../../../core/store/review-repo';

const pair = (client: string, senderDomain: string, count: number): PairRow => ({
  client,
  senderDomain,
  name: null,
  count,
  first: 1000,
  last: 2000 + count,
  sourceIds: [1],
  senders: senderDomain ? [`x@${senderDomain}`] : [],
});

const ev = (score: number, spf?: string): EvidenceReport => ({
  client: '',
  senderDomain: '',
  computedAt: 0,
  fcrdns: { status: score >= 2 ? 'confirmed' : 'none', name: 'mail.shared.example' },
  ...(spf ? { spf: { result: 'pass', domain: spf } } : {}),
  pool: { addresses: 0 },
  laterAccepted: { messages: 0 },
  score,
  likely: score >= 4,
  reasons: [],
});

describe('review queue', () => {
  const evidence: Record<string, EvidenceReport> = {
    '127.10.0.20 shared.example': ev(4, 'shared.example'),
    '127.21.0.9 shared.example': ev(0),
    '127.21.0.7 ': ev(0),
  };
  const items = groupQueue({
    pairs: [
      pair('127.21.0.7', '', 9),
      pair('127.10.0.20', 'shared.example', 1),
      pair('127.21.0.9', 'shared.example', 2),
      pair('198.51.100.3', 'bounce.example', 5),
    ],
    rules: [{ client: '127.21.0.7', senderDomain: '', rule: 'dnsbl:zen', count: 9 }],
    evidence: (c, d) => evidence[`${c} ${d}`],
    providerOf: (c) =>
      c.startsWith('198.51.100.') ? { id: 'acme', name: 'Acme Mail' } : undefined,
    source: () => ({ id: 1, name: 'mx3' }),
    ruleLabel: (r) => r,
    decision: () => undefined,
  });

  it('groups by provider, sender organisation, client network; likeliest wanted first', () => {
    expect(items.map((i) => [i.key, i.count, i.score])).toEqual([
      ['domain:shared.example', 3, 4],
      ['network:127.21.0.0/24', 9, 0],
      ['provider:acme', 5, 0],
    ]);
    expect(items[0]?.evidence).toEqual({
      fcrdns: 'mail.shared.example',
      spfPass: 'shared.example',
      laterAccepted: 0,
    });
    expect(items[2]?.pending).toBe(1);
    expect(items[1]?.rules).toEqual([{ rule: 'dnsbl:zen', label: 'dnsbl:zen', count: 9 }]);
  });

  it('a whitelist covers only the pairs it lets in', () => {
    const pairs = items[0]?.pairs ?? [];
    const of = (p: { client: string; senderDomain: string }) =>
      evidence[`${p.client} ${p.senderDomain}`];
    expect(coveredPairs('sender-domain', 'shared.example', pairs, of)).toEqual([
      { client: '127.10.0.20', senderDomain: 'shared.example' },
    ]);
    expect(coveredPairs('network', '127.21.0.0/24', pairs, of)).toEqual([
      { client: '127.21.0.9', senderDomain: 'shared.example' },
    ]);
    expect(coveredPairs('address', '127.10.0.20', pairs, of)).toHaveLength(1);
    expect(coveredPairs('provider', 'x', pairs, of)).toHaveLength(2);
  });
});
