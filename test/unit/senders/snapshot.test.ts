// The offline snapshot: every provider's shipped records expand without DNS (the same expander as
// live data), dated and sourced, marked 'snapshot', and gaps are reported as gaps.

import { describe, expect, it } from 'vitest';
import { catalogProviders, spfOwners } from '../../../core/senders/providers';
import { SNAPSHOT, SNAPSHOT_DATE } from '../../../core/senders/snapshot';
import { snapshotExpansion } from '../../../core/senders/snapshot-expansion';
import { parseSpf } from '../../../core/senders/spf-record';
import { buildProviderIndex } from '../../../core/senders/provider-index';

const providers = catalogProviders();
const owners = spfOwners(providers);

describe('the offline snapshot', () => {
  it('is dated and sourced, and every record in it parses', () => {
    expect(SNAPSHOT_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [id, entry] of Object.entries(SNAPSHOT)) {
      expect(
        providers.some((p) => p.id === id),
        id,
      ).toBe(true);
      expect(entry.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.source.length).toBeGreaterThan(20);
      for (const [name, rr] of Object.entries(entry.records))
        for (const txt of rr.txt ?? []) expect(parseSpf(txt).ok, `${id} ${name}`).toBe(true);
    }
  });

  it('gives every provider data marked as snapshot, without DNS', async () => {
    let withRanges = 0;
    for (const p of providers) {
      const e = await snapshotExpansion(p, owners);
      expect(e).toMatchObject({ providerId: p.id, origin: 'snapshot', asOf: SNAPSHOT_DATE, ms: 0 });
      expect(e.at).toBe(Date.parse(`${SNAPSHOT_DATE}T00:00:00Z`));
      if (e.ranges.v4.length + e.ranges.v6.length > 0) withRanges++;
      // A name the snapshot lacks is an error saying so, never a silent "no ranges".
      const gaps = e.issues.filter((i) => i.kind === 'not-in-snapshot');
      if (SNAPSHOT[p.id] === undefined && p.spf.length > 0) expect(gaps.length).toBeGreaterThan(0);
      expect(e.complete).toBe(!e.issues.some((i) => i.severity === 'error'));
    }
    expect(withRanges).toBeGreaterThanOrEqual(18);
  });

  it('holds the published facts: Google, Microsoft (IPv6 too), Yahoo by host name, SparkPost by exists', async () => {
    const get = (id: string) =>
      snapshotExpansion(
        providers.find((p) => p.id === id)!,
        owners,
      );
    expect((await get('google')).ranges).toMatchObject({
      v4: ['74.125.0.0/16', '209.85.128.0/17'],
    });
    expect((await get('microsoft')).ranges.v6).toContain('2a01:111:f400::/48');
    const yahoo = await get('yahoo');
    expect(yahoo.ranges).toEqual({ v4: [], v6: [] });
    expect(yahoo.hostnames.map((h) => h.suffix)).toEqual(['yahoo.com', 'yahoo.net']);
    const sparkpost = await get('sparkpost');
    expect(sparkpost.issues).toEqual([
      expect.objectContaining({
        kind: 'not-expandable',
        term: 'exists:%{i}._spf.sparkpostmail.com',
      }),
    ]);
    // GitHub's include of Google's netblocks is left to Google.
    const github = await get('github');
    expect(github.ranges.v4).toEqual(['192.30.252.0/22']);
    expect(github.issues).toContainEqual(expect.objectContaining({ kind: 'delegated' }));
  });

  it('answers providerOf from snapshot data, saying so', async () => {
    const index = buildProviderIndex(
      await Promise.all(
        providers.map(async (p) => {
          const e = await snapshotExpansion(p, owners);
          return {
            id: p.id,
            name: p.name,
            origin: e.origin,
            asOf: e.asOf,
            ranges: e.ranges,
            hostnames: e.hostnames.map((h) => h.suffix),
          };
        }),
      ),
    );
    expect(index.providerOf('209.85.220.41')).toMatchObject({
      provider: 'google',
      origin: 'snapshot',
      asOf: SNAPSHOT_DATE,
      range: '209.85.128.0/17',
    });
    expect(index.providerOf('2a01:111:f400:7e1b::1')).toMatchObject({ provider: 'microsoft' });
    expect(index.providerOf('54.240.8.1')).toMatchObject({ provider: 'amazon-ses' });
    expect(index.providerOf('mo175.mail-out.ovh.net')).toMatchObject({
      provider: 'ovh',
      match: 'hostname',
    });
    expect(index.providerOf('192.0.2.1')).toBeUndefined();
  });
});
