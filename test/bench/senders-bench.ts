// Full-catalog SPF expansion against the lab DNS. The real providers' names cannot be resolved
// here (nothing leaves loopback), so the lab DNS serves the offline snapshot's records under
// their real names (each as a zone of its own, published into the running lab DNS); names the
// snapshot lacks are REFUSED, as a name outside the lab is. Every catalog provider is expanded
// live through the app's resolver, providers in parallel (the refresh's bound of 16), a fresh
// resolver per run. Reported: the median over runs of the whole refresh, of its slowest provider's own time,
// and of their ratio (close to 1 when parallelism works), and the DNS lookups made. Each run's
// ranges are checked against the snapshot's own offline expansion: they must agree.
// Runtime: Node (bench).

import type { LabDomain } from '../lab/internet';
import type { Lab } from '../lab/index';
import { catalogProviders, spfOwners } from '../../core/senders/providers';
import { refreshProviders } from '../../core/senders/refresh';
import { SNAPSHOT } from '../../core/senders/snapshot';
import { snapshotExpansion } from '../../core/senders/snapshot-expansion';
import type { BenchOutcome } from './results';
import { median } from './stats';

/** The snapshot's records as lab zones: one zone per owner name, nothing else authoritative. */
export function snapshotZones(): LabDomain[] {
  const byName = new Map<string, LabDomain['records'][string]>();
  for (const entry of Object.values(SNAPSHOT))
    for (const [name, rr] of Object.entries(entry.records))
      byName.set(name, {
        ...(rr.txt ? { txt: rr.txt } : {}),
        ...(rr.a ? { a: rr.a } : {}),
        ...(rr.aaaa ? { aaaa: rr.aaaa } : {}),
        ...(rr.mx
          ? { mx: rr.mx.map((m) => ({ preference: m.priority, exchange: m.exchange })) }
          : {}),
      });
  return [...byName].map(([name, records]) => ({ zone: name, records: { [name]: records } }));
}

export async function sendersBench(
  lab: Lab,
  o: { runs: number; log: (line: string) => void },
): Promise<BenchOutcome> {
  const providers = catalogProviders();
  const owners = spfOwners(providers);
  const expected = new Map(
    await Promise.all(
      providers.map(async (p) => [p.id, (await snapshotExpansion(p, owners)).ranges] as const),
    ),
  );
  await lab.publishZones(snapshotZones());
  const totals: number[] = [];
  const slowest: number[] = [];
  const ratios: number[] = [];
  const lookups: number[] = [];
  const queries: number[] = [];
  try {
    for (let run = 0; run < o.runs; run++) {
      const r = await refreshProviders(providers, {
        servers: [lab.dns.appServer],
        owners,
        timeoutMs: 2000,
      });
      const slow = r.runs.reduce((a, b) => (b.ms > a.ms ? b : a));
      const mismatched = r.runs.filter(
        (x) => JSON.stringify(x.expansion.ranges) !== JSON.stringify(expected.get(x.provider.id)),
      );
      if (mismatched.length > 0)
        throw new Error(
          `live expansion differs from the snapshot for ${mismatched.map((m) => m.provider.id).join(', ')}`,
        );
      const timeouts = r.runs.filter((x) => x.expansion.issues.some((i) => i.kind === 'timeout'));
      if (timeouts.length > 0)
        throw new Error(
          `timeouts against the lab DNS: ${timeouts.map((t) => t.provider.id).join(', ')}`,
        );
      const n = r.runs.reduce((sum, x) => sum + x.expansion.lookups, 0);
      totals.push(r.ms);
      slowest.push(slow.ms);
      ratios.push(r.ms / Math.max(1, slow.ms));
      lookups.push(n);
      queries.push(r.queries);
      const ranges = r.runs.reduce(
        (sum, x) => sum + x.expansion.ranges.v4.length + x.expansion.ranges.v6.length,
        0,
      );
      o.log(
        `run ${run + 1}/${o.runs}: ${providers.length} providers in ${r.ms} ms, slowest ${slow.provider.id} ${slow.ms} ms, ` +
          `ratio ${(r.ms / Math.max(1, slow.ms)).toFixed(2)}; ${n} lookups (${r.queries} queries sent), ${ranges} ranges, all equal to the snapshot's`,
      );
    }
  } finally {
    await lab.clearPublishedZones();
  }
  const time = 'senders-full-catalog';
  const count = 'senders-full-catalog-lookups';
  return {
    entries: {
      [time]: { ours: median(totals), peer: median(slowest), ratio: median(ratios), unit: 'ms' },
      [count]: {
        ours: median(lookups),
        peer: providers.length,
        ratio: median(lookups) / providers.length,
        unit: 'lookups',
      },
    },
    notes: {
      [time]: `ours: expanding all ${providers.length} catalog providers (16 at a time); peer: the slowest provider's own expansion time in the same run; median of ${o.runs} runs`,
      [count]: `ours: DNS lookups of one full refresh (${median(queries)} queries sent); peer: providers; ratio: lookups per provider`,
    },
  };
}
