// Keeping the statistics within bounds. Rollups are written at all three resolutions as lines
// arrive, so downsampling is dropping the finer rows once they are old: minute rows after 7
// days (hours remain), hour rows after 400 days (days remain, forever). Single events and
// greylisting episodes are kept for the days the settings say, counted in whole UTC days so the
// per-day rejection counts (store/refusal-days.ts) go with exactly the events they count. Past
// the size the user set, the oldest day of events goes first, then the oldest hour rows —
// deleted in small transactions, so readers and the log tail are never held up for long.
// Runtime: Node.

import type { Db } from '../store/database';

export interface RetentionOptions {
  now: number;
  eventDays: number;
  maxBytes: number;
  minuteDays?: number;
  hourDays?: number;
  /** Rows per delete transaction. */
  chunk?: number;
}

export interface RetentionReport {
  minuteRows: number;
  hourRows: number;
  events: number;
  episodes: number;
  /** Events deleted (beyond the age limit) to stay under the size bound. */
  trimmedForSize: number;
  usedBytes: number;
}

const DAY = 86_400_000;

export function usedBytes(db: Db): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  return (pages - free) * pageSize;
}

/** Deletes in chunks until a statement deletes nothing; yields between chunks. */
async function chunked(db: Db, sql: string, args: unknown[], chunk: number): Promise<number> {
  const stmt = db.prepare(sql);
  let total = 0;
  for (;;) {
    const n = stmt.run(...args, chunk).changes;
    total += n;
    if (n < chunk) return total;
    await new Promise((r) => setImmediate(r));
  }
}

export async function applyRetention(db: Db, o: RetentionOptions): Promise<RetentionReport> {
  const chunk = o.chunk ?? 20_000;
  const minuteCut = Math.floor((o.now - (o.minuteDays ?? 7) * DAY) / 60_000);
  const hourCut = Math.floor((o.now - (o.hourDays ?? 400) * DAY) / 60_000);
  // The start of the day the limit falls in: up to a day more is kept, never a part of one.
  const eventCut = Math.floor((o.now - o.eventDays * DAY) / DAY) * DAY;
  const report: RetentionReport = {
    minuteRows: 0,
    hourRows: 0,
    events: await chunked(
      db,
      'DELETE FROM stats_events WHERE id IN (SELECT id FROM stats_events WHERE time < ? ORDER BY time LIMIT ?)',
      [eventCut],
      chunk,
    ),
    episodes: await deleteEpisodes(db, eventCut, chunk),
    trimmedForSize: 0,
    usedBytes: 0,
  };
  const dropRefusals = db.prepare('DELETE FROM stats_refusal_days WHERE day < ?');
  const dropRefusers = db.prepare('DELETE FROM stats_refuser_days WHERE day < ?');
  const dropDays = (before: number) => {
    dropRefusals.run(before);
    dropRefusers.run(before);
  };
  dropDays(eventCut / DAY);
  db.prepare('DELETE FROM stats_greylist_days WHERE day < ?').run(eventCut / DAY);
  report.hourRows = await deleteRollups(db, 60, hourCut, chunk);
  report.minuteRows = await deleteRollups(db, 1, minuteCut, chunk);
  // The size bound: the oldest day of events first (all of it, with its counts), then the
  // oldest hour rows.
  const oldestEvent = db.prepare('SELECT min(time) FROM stats_events').pluck();
  while (usedBytes(db) > o.maxBytes) {
    const first = oldestEvent.get() as number | null;
    if (first === null) break;
    const dayEnd = (Math.floor(first / DAY) + 1) * DAY;
    report.trimmedForSize += await chunked(
      db,
      'DELETE FROM stats_events WHERE id IN (SELECT id FROM stats_events WHERE time < ? ORDER BY time LIMIT ?)',
      [dayEnd],
      chunk,
    );
    dropDays(dayEnd / DAY);
  }
  while (usedBytes(db) > o.maxBytes) {
    const oldest = db
      .prepare('SELECT min(bucket) FROM stats_rollups WHERE span IN (1, 60)')
      .pluck()
      .get() as number | null;
    if (oldest === null) break;
    const n = await deleteRollups(db, 60, oldest + 1440, chunk);
    const m = await deleteRollups(db, 1, oldest + 1440, chunk);
    if (n + m === 0) break;
  }
  report.usedBytes = usedBytes(db);
  return report;
}

/**
 * Episodes first seen before `before`, in chunks. Each chunk that deletes any moves the stats
 * revision in its transaction: a writer remembers the ids of open episodes until the revision
 * moves (store/stats-writer.ts), and SQLite reuses a deleted id for the next episode, perhaps
 * of the same triplet at another source, which the writer would otherwise take for the one it
 * remembers and count an attempt or a pass to the wrong episode and source.
 */
async function deleteEpisodes(db: Db, before: number, chunk: number): Promise<number> {
  const del = db.prepare(
    'DELETE FROM stats_greylist WHERE id IN (SELECT id FROM stats_greylist WHERE first_at < ? LIMIT ?)',
  );
  const bump = db.prepare("UPDATE stats_meta SET value = value + 1 WHERE key = 'revision'");
  const step = db.transaction((): number => {
    const n = del.run(before, chunk).changes;
    if (n > 0) bump.run();
    return n;
  });
  let total = 0;
  for (;;) {
    const n = step.immediate();
    total += n;
    if (n < chunk) return total;
    await new Promise((r) => setImmediate(r));
  }
}

/** Rows of one span older than `before` (minutes since the epoch), a few buckets at a time. */
async function deleteRollups(db: Db, span: number, before: number, chunk: number): Promise<number> {
  // The bucket `chunk` rows in: everything before it goes in one transaction.
  const edgeOf = db
    .prepare(
      'SELECT bucket FROM stats_rollups WHERE span = ? AND bucket < ? ORDER BY bucket LIMIT 1 OFFSET ?',
    )
    .pluck();
  const del = db.prepare('DELETE FROM stats_rollups WHERE span = ? AND bucket < ?');
  let total = 0;
  for (;;) {
    const edge = edgeOf.get(span, before, chunk) as number | undefined;
    if (edge === undefined) return total + del.run(span, before).changes;
    let n = del.run(span, edge).changes;
    // More than `chunk` rows in the oldest bucket: that bucket goes alone.
    if (n === 0) n = del.run(span, edge + 1).changes;
    total += n;
    await new Promise((r) => setImmediate(r));
  }
}
