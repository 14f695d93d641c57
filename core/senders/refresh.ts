// Live expansion of many providers at once: a bound on how many run in parallel (each provider's
// own lookups are already concurrent), one DnsClient for the run (its cache shares answers
// between providers, and a new run never sees an earlier run's cache), progress per provider,
// time and lookups per provider and for the whole run. Runtime: Node.

import { Limiter } from '../net/limiter';
import { DnsClient } from '../net/dns-client';
import { dnsRecordSource } from './dns-record-source';
import { expandSpf } from './expand';
import type { Provider } from './provider-schema';
import { ownerOfFor } from './providers';
import { withCatalogHostnames } from './snapshot-expansion';
import type { SpfExpansion } from './types';

export interface RefreshOptions {
  /** 'host' or 'host:port'; empty: the system's resolvers. */
  servers: string[];
  concurrency?: number;
  timeoutMs?: number;
  owners: ReadonlyMap<string, string>;
  onStart?: (provider: Provider) => void;
  onDone?: (provider: Provider, result: ProviderRun) => void;
}

export interface ProviderRun {
  provider: Provider;
  expansion: SpfExpansion;
  startedAt: number;
  ms: number;
}

export interface RefreshRun {
  runs: ProviderRun[];
  ms: number;
  /** DNS queries sent (cache misses). */
  queries: number;
  servers: string[];
}

export async function refreshProviders(
  providers: readonly Provider[],
  o: RefreshOptions,
): Promise<RefreshRun> {
  const dns = new DnsClient({
    servers: o.servers,
    timeoutMs: o.timeoutMs ?? 2000,
    maxConcurrent: 64,
  });
  const source = dnsRecordSource(dns);
  const limiter = new Limiter(Math.max(1, o.concurrency ?? 16));
  const began = performance.now();
  const runs = await Promise.all(
    providers.map((provider) =>
      limiter.run(async () => {
        o.onStart?.(provider);
        const startedAt = Date.now();
        const t = performance.now();
        const e = await expandSpf(provider.spf, source, {
          ownerOf: ownerOfFor(provider.id, o.owners),
        });
        const run: ProviderRun = {
          provider,
          expansion: withCatalogHostnames(e, provider),
          startedAt,
          ms: Math.round(performance.now() - t),
        };
        o.onDone?.(provider, run);
        return run;
      }),
    ),
  );
  return {
    runs,
    ms: Math.round(performance.now() - began),
    queries: dns.stats.queries,
    servers: dns.servers(),
  };
}
