// Check IP with ten DNS lists, one of them slow: all lists are asked at once, so one Check IP
// should take little more than its slowest list. Measured with the engine itself (checkIp) on the
// lab DNS, a fresh DNS client per run (nothing cached), a timeout above the slow list's delay so
// that it answers. The client 127.23.0.7 is listed in several of the lists (their answers need a
// second query, for the TXT reason) and not in the slow one. Reported: the median over runs of
// the total time, of the slowest list's own time, and of their ratio (goal ≤ 1.2).
// Runtime: Node (bench).

import { randomUUID } from 'node:crypto';
import { checkIp } from '../../core/engine/check-ip';
import { DnsClient } from '../../core/net/dns-client';
import type { DnsList, Policy } from '../../core/policy/schema';
import { labPolicy, type Lab } from '../lab/index';
import type { BenchOutcome } from './results';
import { median } from './stats';

const list = (zone: string, weight: number, filter?: string): DnsList => ({
  zone,
  weight,
  ...(filter ? { filter } : {}),
  ipv6: false,
  enabled: true,
  dryRun: false,
});

export const TEN_LISTS: DnsList[] = [
  list('zen.lab.example', 3, '127.0.0.[2..11]'),
  list('bl.lab.example', 2),
  list('wl.lab.example', -2, '127.0.[0..255].[1..3]'),
  list('slow.lab.example', 1),
  list('spam.lab.example', 2),
  list('proxy.lab.example', 3),
  list('dyn.lab.example', 1),
  list('rep.lab.example', 1),
  list('abuse.lab.example', 2),
  list('trust.lab.example', -2),
];

const CLIENT = '127.23.0.7';

export async function checkIpBench(
  lab: Lab,
  o: { runs: number; log: (line: string) => void },
): Promise<BenchOutcome> {
  const policy: Policy = labPolicy();
  policy.name = 'benchmark: ten lists';
  policy.dnsbl.lists = TEN_LISTS;
  const totals: number[] = [];
  const slowest: number[] = [];
  const ratios: number[] = [];
  for (let run = 0; run < o.runs; run++) {
    // A fresh client: no answer of an earlier run is cached.
    const dns = new DnsClient({ servers: [lab.dns.appServer], timeoutMs: 4000 });
    const started = performance.now();
    const report = await checkIp(
      {
        runId: randomUUID(),
        target: CLIENT,
        helo: 'proxy7.spam.example',
        sender: 'offers@spam.example',
        recipient: 'alice@lab.example',
      },
      { dns, policy, policySource: { source: 'template', name: policy.name }, now: Date.now },
    );
    const total = performance.now() - started;
    const unanswered = report.lists.filter((l) => l.status === 'timeout' || l.status === 'error');
    if (report.lists.length !== TEN_LISTS.length || unanswered.length > 0)
      throw new Error(
        `Check IP did not get ten answers: ${report.lists.map((l) => `${l.zone} ${l.status}`).join(', ')}`,
      );
    const slow = Math.max(...report.lists.map((l) => l.ms));
    totals.push(total);
    slowest.push(slow);
    ratios.push(total / slow);
    const listed = report.lists.filter((l) => l.status === 'listed').map((l) => l.zone);
    o.log(
      `run ${run + 1}/${o.runs}: total ${total.toFixed(0)} ms, slowest list ${slow} ms ` +
        `(${report.lists.find((l) => l.ms === slow)?.zone}), ratio ${(total / slow).toFixed(3)}; ` +
        `listed in ${listed.join(', ')}; ${dns.stats.queries} DNS queries`,
    );
  }
  const key = 'check-ip-10-lists-one-slow';
  return {
    entries: {
      [key]: { ours: median(totals), peer: median(slowest), ratio: median(ratios), unit: 'ms' },
    },
    notes: {
      [key]: `ours: one Check IP; peer: its slowest list alone (slow.lab.example); median of ${o.runs} runs; goal ratio ≤ 1.2`,
    },
  };
}
