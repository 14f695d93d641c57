// The per-day counts behind the dashboard's false-positive standing, its top rejected clients
// and sender domains, and its greylisting figures equal a recomputation from the rejections and
// greylisting episodes kept one by one, whatever happens in between: imports,
// evidence stored before or after the rejections it covers, marks for a client, a domain or
// both, retention by age and by size, and ranges with partial days at either end (fast-check).
// Runtime: Node (vitest, in-memory SQLite).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newBatch, type EventRow, type GreylistOp } from '../../../core/stats/batch';
import { DELAY_BUCKETS } from '../../../core/stats/dashboard';
import { greylistDaysFromEpisodes } from '../../../core/store/greylist-days';
import { applyRetention } from '../../../core/stats/retention';
import { openStore } from '../../../core/store/database';
import { EvidenceRepo } from '../../../core/store/evidence-repo';
import { LogSourcesRepo } from '../../../core/store/log-sources-repo';
import { DAY_MS } from '../../../core/store/refusal-days';
import { StatsRepo } from '../../../core/store/stats-repo';
import { StatsWriter } from '../../../core/store/stats-writer';

const NOW = Date.UTC(2026, 10, 23, 12);
const START = NOW - 10 * DAY_MS;
const CLIENTS = ['192.0.2.1', '192.0.2.2', '198.51.100.7'];
const DOMAINS = ['example.net', 'example.org'];

const event: fc.Arbitrary<EventRow> = fc.record({
  time: fc.integer({ min: START, max: NOW }),
  metric: fc.constantFrom('reject', 'defer', 'accepted', 'dry-run') as fc.Arbitrary<
    EventRow['metric']
  >,
  reason: fc.constantFrom('rbl', 'rdns.missing', 'protocol-error'),
  rule: fc.constantFrom('', 'dnsbl:zen.example', 'postscreen.pregreet'),
  client: fc.option(fc.constantFrom(...CLIENTS)),
  clientName: fc.option(fc.constantFrom('a.example', 'b.example')),
  helo: fc.constant(null),
  sender: fc.constant(null),
  senderDomain: fc.option(fc.constantFrom(...DOMAINS)),
  recipient: fc.constant(null),
});

const TRIPLETS = ['192.0.2.0/a@example.net/bob@example.org', '198.51.100.0//bob@example.org'];

const greylistOp: fc.Arbitrary<GreylistOp> = fc.oneof(
  fc.record({
    op: fc.constant('defer' as const),
    by: fc.constantFrom('policy' as const, 'smtpd' as const),
    triplet: fc.constantFrom(...TRIPLETS),
    time: fc.integer({ min: START, max: NOW }),
    client: fc.constant('192.0.2.1'),
    clientName: fc.constant(null),
    sender: fc.constant('a@example.net'),
    senderDomain: fc.constant('example.net'),
    recipient: fc.constant('bob@example.org'),
  }),
  fc.record(
    {
      op: fc.constant('pass' as const),
      triplet: fc.constantFrom(...TRIPLETS),
      time: fc.integer({ min: START, max: NOW }),
      // Around the chart's bucket edges and the bins' (30 s), and the last bin's (12 h).
      delaySeconds: fc.oneof(fc.integer({ min: 0, max: 700 }), fc.constant(43_200)),
    },
    { requiredKeys: ['op', 'triplet', 'time'] },
  ),
);

const step = fc.oneof(
  fc.record({
    kind: fc.constant('import' as const),
    source: fc.integer({ min: 0, max: 1 }),
    events: fc.array(event, { maxLength: 30 }),
    greylist: fc.array(greylistOp, { maxLength: 12 }),
  }),
  fc.record({
    kind: fc.constant('evidence' as const),
    client: fc.constantFrom(...CLIENTS),
    domain: fc.constantFrom('', ...DOMAINS),
    likely: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('mark' as const),
    client: fc.constantFrom('', ...CLIENTS),
    domain: fc.constantFrom('', ...DOMAINS),
    wanted: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('retention' as const),
    eventDays: fc.integer({ min: 1, max: 12 }),
    bySize: fc.boolean(),
  }),
);

const range = fc
  .tuple(fc.integer({ min: START - DAY_MS, max: NOW }), fc.integer({ min: 1, max: 12 * DAY_MS }))
  .map(([from, span]) => ({ from, to: from + span }));

describe('per-day rejection counts', () => {
  it('give the standing and top tables a recomputation from single rejections gives (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 12 }),
        fc.array(range, { minLength: 1, maxLength: 4 }),
        fc.subarray([1, 2]),
        async (steps, ranges, chosen) => {
          const store = openStore(':memory:');
          const db = store.db;
          const sources = new LogSourcesRepo(db);
          const ids = [sources.forName('mx1', NOW).id, sources.forName('mx2', NOW).id];
          const writer = new StatsWriter(db);
          const evidence = new EvidenceRepo(db);
          const repo = new StatsRepo(db);
          let stream = 0;
          for (const s of steps) {
            if (s.kind === 'import') {
              const batch = newBatch();
              batch.events = s.events;
              batch.greylist = s.greylist;
              writer.commit({
                sourceId: ids[s.source] as number,
                stream: `s${++stream}`,
                expectedRevision: null,
                position: {},
                state: null,
                batch,
                now: NOW,
              });
            } else if (s.kind === 'evidence') {
              evidence.put({
                client: s.client,
                senderDomain: s.domain,
                computedAt: NOW,
                score: s.likely ? 80 : 0,
                likely: s.likely,
                evidence: [],
              });
            } else if (s.kind === 'mark') {
              evidence.setMark({
                client: s.client,
                senderDomain: s.domain,
                wanted: s.wanted,
                note: '',
                actor: 'test',
                markedAt: NOW,
              });
            } else {
              await applyRetention(db, {
                now: NOW,
                eventDays: s.eventDays,
                // A bound below any store's size: trimming goes on until no event is left.
                maxBytes: s.bySize ? 1 : 2 ** 40,
                chunk: 7,
              });
            }
          }
          const sourceIds = chosen.map((i) => ids[i - 1] as number);
          expect(
            db
              .prepare(
                `SELECT source_id AS sourceId, day, passed, bin, triplets, attempts
                 FROM stats_greylist_days WHERE triplets != 0 OR attempts != 0 ORDER BY 1, 2, 3, 4`,
              )
              .all(),
          ).toEqual(greylistDaysFromEpisodes(db));
          for (const r of ranges) {
            const scope = { ...r, sourceIds };
            expect(repo.rejectionStanding(scope, DAY_MS)).toEqual(
              repo.standingFromEvents(scope, DAY_MS),
            );
            expect(repo.greylistSummary(scope)).toEqual(repo.greylistSummaryFromEpisodes(scope));
            const delays = repo.delaysFromEpisodes(scope);
            const got = repo.greylistDelays(scope);
            expect(got.median).toBe(delays[Math.floor((delays.length - 1) / 2)]);
            for (const [, lo, hi] of DELAY_BUCKETS) {
              let n = 0;
              for (const [bin, count] of got.bins)
                if (bin * 30 >= lo && (hi === null || bin * 30 < hi)) n += count;
              expect(n).toBe(delays.filter((d) => d >= lo && (hi === null || d < hi)).length);
            }
            for (const limit of [2, 100]) {
              expect(repo.topClients(scope, limit)).toEqual(
                repo
                  .clientsFromEvents(scope)
                  .sort((a, b) => b.count - a.count || (a.client < b.client ? -1 : 1))
                  .slice(0, limit),
              );
              expect(repo.topSenderDomains(scope, limit)).toEqual(
                repo
                  .domainsFromEvents(scope)
                  .sort((a, b) => b.count - a.count || (a.domain < b.domain ? -1 : 1))
                  .slice(0, limit),
              );
            }
          }
          store.close();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('count an attempt to its own source when retention freed a remembered episode id that another source took', async () => {
    const store = openStore(':memory:');
    const db = store.db;
    const sources = new LogSourcesRepo(db);
    const ids = [sources.forName('mx1', NOW).id, sources.forName('mx2', NOW).id];
    const writer = new StatsWriter(db);
    let stream = 0;
    const defer = (sourceId: number): void => {
      const batch = newBatch();
      batch.greylist = [
        {
          op: 'defer',
          by: 'policy',
          triplet: TRIPLETS[1] as string,
          time: START,
          client: '192.0.2.1',
          clientName: null,
          sender: 'a@example.net',
          senderDomain: 'example.net',
          recipient: 'bob@example.org',
        },
      ];
      writer.commit({
        sourceId,
        stream: `s${++stream}`,
        expectedRevision: null,
        position: {},
        state: null,
        batch,
        now: NOW,
      });
    };
    const [mx1, mx2] = ids as [number, number];
    defer(mx1);
    // Deletes mx1's episode: its id is free again, and mx2's next episode takes it.
    await applyRetention(db, { now: NOW, eventDays: 1, maxBytes: 2 ** 40 });
    defer(mx2);
    defer(mx1);
    expect(
      db
        .prepare(
          `SELECT source_id AS sourceId, max(policy_attempts, smtpd_attempts) AS attempts
           FROM stats_greylist ORDER BY id`,
        )
        .all(),
    ).toEqual([
      { sourceId: mx2, attempts: 1 },
      { sourceId: mx1, attempts: 1 },
    ]);
    expect(
      db
        .prepare(
          `SELECT source_id AS sourceId, day, passed, bin, triplets, attempts
           FROM stats_greylist_days WHERE triplets != 0 OR attempts != 0 ORDER BY 1, 2, 3, 4`,
        )
        .all(),
    ).toEqual(greylistDaysFromEpisodes(db));
    store.close();
  });
});
