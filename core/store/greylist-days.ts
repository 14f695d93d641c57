// Greylisting episodes counted per source (0: all sources together), UTC day of the first
// attempt, passed or not, and delay bin: triplets and attempts. The dashboard's greylisting
// figures over whole days read these rows instead of every episode (90 000 of them in 90 days
// of 20 servers); the median delay takes its exact value from the few episodes of the one bin
// it falls in. Episodes change after they are counted (more attempts, a pass), so the writer
// moves their counts as it changes them (stats-writer.ts). Runtime: Node.

import type { Db } from './database';
import { ALL_SOURCES, DAY_MS } from './refusal-days';

/** Delay bins are 30 s wide (every bucket edge of the dashboard's chart is a multiple of it). */
export const BIN_SECONDS = 30;
/** Delays of 12 hours or more share the last bin; negative ones (never seen) one before 0. */
export const LAST_BIN = 43_200 / BIN_SECONDS;
export const NEGATIVE_BIN = -2;
/** Not passed, or passed without a known delay. */
export const NO_DELAY = -1;

export function delayBin(passed: boolean, delaySeconds: number | null): number {
  if (!passed || delaySeconds === null) return NO_DELAY;
  if (delaySeconds < 0) return NEGATIVE_BIN;
  return Math.min(LAST_BIN, Math.floor(delaySeconds / BIN_SECONDS));
}

/** The same bin in SQL, of a stats_greylist row. */
export const BIN_SQL = `CASE WHEN passed_at IS NULL OR delay_s IS NULL THEN ${NO_DELAY}
  WHEN delay_s < 0 THEN ${NEGATIVE_BIN}
  ELSE min(${LAST_BIN}, delay_s / ${BIN_SECONDS}) END`;

/** Delays [lo, hi) of a bin (undefined: unbounded). */
export function binRange(bin: number): [number | undefined, number | undefined] {
  if (bin === NEGATIVE_BIN) return [undefined, 0];
  if (bin === LAST_BIN) return [LAST_BIN * BIN_SECONDS, undefined];
  return [bin * BIN_SECONDS, (bin + 1) * BIN_SECONDS];
}

export class GreylistDays {
  private readonly upsert;

  constructor(db: Db) {
    this.upsert = db.prepare(
      `INSERT INTO stats_greylist_days (source_id, day, passed, bin, triplets, attempts)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id, day, passed, bin) DO UPDATE SET
         triplets = triplets + excluded.triplets, attempts = attempts + excluded.attempts`,
    );
  }

  /** Adds (or with negative numbers, takes away) an episode's triplets and attempts. */
  count(
    sourceId: number,
    firstAt: number,
    bin: number,
    passed: boolean,
    triplets: number,
    attempts: number,
  ): void {
    const day = Math.floor(firstAt / DAY_MS);
    for (const id of [sourceId, ALL_SOURCES])
      this.upsert.run(id, day, passed ? 1 : 0, bin, triplets, attempts);
  }
}

/** The rows recomputed from the episodes (the reference of the tests; a synthetic store's fill). */
export function greylistDaysFromEpisodes(db: Db): {
  sourceId: number;
  day: number;
  passed: number;
  bin: number;
  triplets: number;
  attempts: number;
}[] {
  const per = `SELECT %SOURCE% AS sourceId, first_at / ${DAY_MS} AS day,
      passed_at IS NOT NULL AS passed, ${BIN_SQL} AS bin, count(*) AS triplets,
      sum(max(policy_attempts, smtpd_attempts)) AS attempts
    FROM stats_greylist GROUP BY 1, 2, 3, 4`;
  return db
    .prepare(
      `${per.replace('%SOURCE%', 'source_id')} UNION ALL ${per.replace('%SOURCE%', String(ALL_SOURCES))}
       ORDER BY 1, 2, 3, 4`,
    )
    .all() as {
    sourceId: number;
    day: number;
    passed: number;
    bin: number;
    triplets: number;
    attempts: number;
  }[];
}
