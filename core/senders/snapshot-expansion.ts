// A provider's ranges from the offline snapshot: its shipped records expanded by the same code
// as live DNS (no network), dated and sourced, marked origin 'snapshot'. Runtime: pure.

import { expandSpf } from './expand';
import type { Provider } from './provider-schema';
import { ownerOfFor } from './providers';
import { staticRecordSource } from './record-source';
import { SNAPSHOT, SNAPSHOT_DATE } from './snapshot';
import type { HostnameOrigin, ProviderExpansion, SpfExpansion } from './types';

/** The catalog's own suffixes join those ptr terms gave. */
export function withCatalogHostnames(e: SpfExpansion, provider: Provider): SpfExpansion {
  const seen = new Set(e.hostnames.map((h) => h.suffix));
  const extra: HostnameOrigin[] = provider.hostnames
    .filter((h) => !seen.has(h))
    .map((suffix) => ({ suffix, via: 'catalog', term: `hostname ${suffix}` }));
  return { ...e, hostnames: [...e.hostnames, ...extra] };
}

export async function snapshotExpansion(
  provider: Provider,
  owners: ReadonlyMap<string, string>,
): Promise<ProviderExpansion> {
  const entry = SNAPSHOT[provider.id];
  const date = entry?.asOf ?? SNAPSHOT_DATE;
  const e = await expandSpf(provider.spf, staticRecordSource(entry?.records ?? {}), {
    ownerOf: ownerOfFor(provider.id, owners),
  });
  return {
    ...withCatalogHostnames(e, provider),
    providerId: provider.id,
    origin: 'snapshot',
    at: Date.parse(`${date}T00:00:00Z`),
    asOf: date,
    source: entry
      ? entry.source
      : provider.origin === 'user'
        ? 'Your own provider: not in the shipped snapshot; refresh to expand it.'
        : provider.spf.length === 0
          ? 'Host names from the catalog only (this provider publishes no SPF ranges).'
          : 'Not captured in the shipped snapshot; refresh to read its records live.',
    ms: 0,
  };
}
