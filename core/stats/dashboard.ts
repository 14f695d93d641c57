// The dashboard's data for a range and a set of sources, from rollups at the resolution the
// range calls for (minutes up to six hours of the last week, hours up to two weeks, days
// beyond), greylisting episodes, the events kept one by one and the false-positive evidence.
// The counting is LogSummary's, so the seed table equals `mxwarden logs summary` of the same
// lines. Runtime: Node (reads the store).

import type { DashboardData, Resolution, SeedRow } from '../app/types/stats';
import { rowLabel } from '../logs/summary/summary';
import type { RollupRow, Scope, StatsRepo } from '../store/stats-repo';
import { isVerdictMetric, seedKey } from './rollup-key';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Minute rows are downsampled into hours after this long (retention.ts). */
export const MINUTE_ROWS_KEPT_MS = 7 * DAY;
const MAX_SERIES = 8;

export const DELAY_BUCKETS: readonly [string, number, number | null][] = [
  ['under 30 s', 0, 30],
  ['30 s – 5 min', 30, 300],
  ['5 – 10 min', 300, 600],
  ['10 – 30 min', 600, 1800],
  ['30 min – 2 h', 1800, 7200],
  ['2 – 12 h', 7200, 43_200],
  ['12 h or more', 43_200, null],
];

export function chooseResolution(from: number, to: number, now: number): Resolution {
  const span = to - from;
  if (span <= 6 * HOUR && from >= now - MINUTE_ROWS_KEPT_MS) return 'minute';
  if (span <= 15 * DAY) return 'hour';
  return 'day';
}

const SPAN_MINUTES: Record<Resolution, number> = { minute: 1, hour: 60, day: 1440 };

function isGreylistDefer(r: RollupRow): boolean {
  return (r.metric === 'defer' || r.metric === 'reject') && r.rule === 'greylist';
}

function percentRows(counts: Map<string, number>): { rows: SeedRow[]; total: number } {
  let total = 0;
  for (const c of counts.values()) total += c;
  const rows = [...counts.entries()]
    .filter(([, c]) => c > 0)
    .map(([key, count]) => ({
      key,
      label: rowLabel(key),
      count,
      percent: total ? Math.round((count / total) * 1000) / 10 : 0,
    }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return { rows, total };
}

function bump<K>(m: Map<K, number>, k: K, n: number): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

export function dashboard(
  repo: StatsRepo,
  request: { from: number; to: number; sourceIds: number[] },
  sources: { id: number; name: string }[],
  now: number,
): DashboardData {
  const started = performance.now();
  const resolution = chooseResolution(request.from, request.to, now);
  const bucketMs = SPAN_MINUTES[resolution] * MINUTE;
  const scope: Scope = { from: request.from, to: request.to, sourceIds: request.sourceIds };
  const rows = repo.rollups(SPAN_MINUTES[resolution], scope);

  const firstBucket = Math.floor(request.from / bucketMs) * bucketMs;
  const times: number[] = [];
  for (let t = firstBucket; t < request.to && times.length < 5000; t += bucketMs) times.push(t);
  const index = new Map(times.map((t, i) => [t, i]));

  const byKey = new Map<string, number>();
  const seed = new Map<string, number>();
  const rejectionsAt = times.map(() => new Map<string, number>());
  const outcomes = times.map((time) => ({ time, accepted: 0, rejected: 0, deferred: 0 }));
  const quit = times.map((time) => ({ time, disconnects: 0, withoutQuit: 0 }));
  const hits = new Map<string, number>();
  const rblRejections = new Map<string, number>();
  const overlap = new Map<string, number>();

  for (const r of rows) {
    const i = index.get(r.bucket * MINUTE);
    if (i === undefined) continue;
    if (isVerdictMetric(r.metric)) {
      const key = seedKey(r.metric, r.reason, r.rule);
      if (r.metric === 'reject' || r.metric === 'defer') {
        bump(rejectionsAt[i] as Map<string, number>, key, r.count);
        bump(byKey, key, r.count);
        const o = outcomes[i] as (typeof outcomes)[number];
        if (r.metric === 'reject') o.rejected += r.count;
        else o.deferred += r.count;
        if (r.rule.startsWith('dnsbl:')) bump(rblRejections, r.rule.slice(6), r.count);
      }
      // Greylisted attempts are split by what happened next (episodes, below).
      if (!isGreylistDefer(r)) bump(seed, key, r.count);
      continue;
    }
    switch (r.metric) {
      case 'accepted':
        (outcomes[i] as (typeof outcomes)[number]).accepted += r.count;
        bump(seed, 'accepted', r.count);
        break;
      case 'disconnect':
        (quit[i] as (typeof quit)[number]).disconnects += r.count;
        break;
      case 'disconnect.noquit':
        (quit[i] as (typeof quit)[number]).withoutQuit += r.count;
        break;
      case 'dnsbl.hit':
        bump(hits, r.rule, r.count);
        break;
      case 'dnsbl.set':
        bump(overlap, r.rule, r.count);
        break;
      default:
        break;
    }
  }

  // Greylisting: attempts of triplets that later passed, and of those that never did.
  let passedAttempts = 0;
  let neverAttempts = 0;
  let passedTriplets = 0;
  let neverTriplets = 0;
  for (const g of repo.greylistSummary(scope)) {
    if (g.passed) {
      passedAttempts += g.attempts;
      passedTriplets += g.triplets;
    } else {
      neverAttempts += g.attempts;
      neverTriplets += g.triplets;
    }
  }
  if (passedAttempts) seed.set('greylist.passed', passedAttempts);
  if (neverAttempts) seed.set('greylist.never-passed', neverAttempts);
  const delays = repo.greylistDelays(scope);
  const median = delays.length ? delays[Math.floor((delays.length - 1) / 2)] : undefined;

  // The largest reasons get series of their own; the rest are summed as "other".
  const ranked = [...byKey.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const own = ranked.slice(0, ranked.length > MAX_SERIES + 1 ? MAX_SERIES : MAX_SERIES + 1);
  const ownKeys = new Set(own.map(([k]) => k));
  const series = own.map(([key]) => ({ key, label: rowLabel(key) }));
  if (ranked.length > own.length) series.push({ key: 'other', label: 'Other reasons' });
  const points = times.map((time, i) => {
    const counts: Record<string, number> = {};
    for (const s of series) counts[s.key] = 0;
    for (const [k, n] of rejectionsAt[i] as Map<string, number>) {
      const key = ownKeys.has(k) ? k : 'other';
      counts[key] = (counts[key] ?? 0) + n;
    }
    return { time, counts };
  });

  // False positives per rule, from the evidence gathered so far and the admin's marks.
  const standing = repo.rejectionStanding(scope, bucketMs);
  const fpRules = new Map<
    string,
    { rejections: number; likely: number; confirmed: number; pending: number }
  >();
  const fpPoints: DashboardData['falsePositives']['points'] = [];
  for (const s of standing) {
    const r = fpRules.get(s.key) ?? { rejections: 0, likely: 0, confirmed: 0, pending: 0 };
    r.rejections += s.total;
    r.likely += s.likely;
    r.confirmed += s.confirmed;
    r.pending += s.pending;
    fpRules.set(s.key, r);
    if (s.likely || s.confirmed)
      fpPoints.push({ time: s.bucket, rule: s.key, likely: s.likely, confirmed: s.confirmed });
  }
  fpPoints.sort((a, b) => a.time - b.time || a.rule.localeCompare(b.rule));
  // Counted from the standing rows already read: a second scan of the range's rejections for
  // the distinct pairs cost as much as the rest of a 90-day query.
  const pendingRejections = standing.reduce((n, s) => n + s.pending, 0);

  const disconnects = quit.reduce((n, q) => n + q.disconnects, 0);
  const withoutQuit = quit.reduce((n, q) => n + q.withoutQuit, 0);
  const totals = repo.sourceTotals(request.sourceIds);
  const lines = totals.reduce((n, t) => n + t.lines, 0);
  const lastLineTime = totals.reduce<number | null>(
    (m, t) => (t.lastTime !== null && (m === null || t.lastTime > m) ? t.lastTime : m),
    null,
  );

  const lists = new Set([...hits.keys(), ...rblRejections.keys()]);
  return {
    from: request.from,
    to: request.to,
    resolution,
    bucketMs,
    sources,
    rejections: { series, points },
    outcomes,
    seed: percentRows(seed),
    dnsbl: {
      hits: [...lists]
        .map((list) => ({ list, hits: hits.get(list) ?? rblRejections.get(list) ?? 0 }))
        .sort((a, b) => b.hits - a.hits || a.list.localeCompare(b.list)),
      overlap: [...overlap.entries()]
        .map(([set, clients]) => ({ lists: set.split(' '), clients }))
        .sort((a, b) => b.clients - a.clients || a.lists.join().localeCompare(b.lists.join())),
    },
    quitless: { disconnects, withoutQuit, points: quit },
    greylist: {
      deferredAttempts: passedAttempts + neverAttempts,
      passedAttempts,
      neverPassedAttempts: neverAttempts,
      passedTriplets,
      neverPassedTriplets: neverTriplets,
      ...(median !== undefined ? { medianDelaySeconds: median } : {}),
      delays: DELAY_BUCKETS.map(([label, lo, hi]) => ({
        label,
        fromSeconds: lo,
        toSeconds: hi,
        triplets: delays.filter((d) => d >= lo && (hi === null || d < hi)).length,
      })),
    },
    topClients: repo.topClients(scope, 10),
    topSenderDomains: repo.topSenderDomains(scope, 10),
    falsePositives: {
      byRule: [...fpRules.entries()]
        .map(([rule, r]) => ({ rule, label: rowLabel(rule), ...r }))
        .sort(
          (a, b) =>
            b.likely + b.confirmed - (a.likely + a.confirmed) || b.rejections - a.rejections,
        ),
      points: fpPoints,
      pending: pendingRejections,
    },
    lines,
    unknownLines: totals.reduce((n, t) => n + t.unknown, 0),
    lastLineTime,
    empty: lines === 0,
    queryMs: Math.round(performance.now() - started),
  };
}
