// The per-day rejection counts behind the dashboard's false-positive standing and its top
// rejected clients and sender domains equal a recomputation from the rejections kept one by
// one, whatever happens in between: imports,
// evidence stored before or after the rejections it covers, marks for a client, a domain or
// both, retention by age and by size, and ranges with partial days at either end (fast-check).
// Runtime: Node (vitest, in-memory SQLite).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newBatch, type EventRow } from '../../../core/stats/batch';
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

const step = fc.oneof(
  fc.record({
    kind: fc.constant('import' as const),
    source: fc.integer({ min: 0, max: 1 }),
    events: fc.array(event, { maxLength: 30 }),
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
          for (const r of ranges) {
            const scope = { ...r, sourceIds };
            expect(repo.rejectionStanding(scope, DAY_MS)).toEqual(
              repo.standingFromEvents(scope, DAY_MS),
            );
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
});
