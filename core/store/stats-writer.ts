// Writes what a reader of a log produced — events, rollups (minute, hour and day rows at once),
// greylisting episodes — together with the reader's new position, in one transaction. The
// position is compared and set (its revision must be the one the reader started from): two
// readers of one log can never both commit the same lines, and a crash loses only the batch
// that was not committed, which the reader then reads again. Runtime: Node.

import { AppError } from '../app/result';
import { SEP, type GreylistOp, type StatsBatch } from '../stats/batch';
import type { Db } from './database';
import { delayBin, GreylistDays, NO_DELAY } from './greylist-days';
import { RefusalDays } from './refusal-days';

/** Rollup spans, in minutes: the minute rows are downsampled away; hours and days stay. */
export const SPANS = { minute: 1, hour: 60, day: 1440 } as const;

export interface CommitRequest {
  sourceId: number;
  stream: string;
  /** The revision read with the position this batch continues from; null for a first commit. */
  expectedRevision: number | null;
  position: unknown;
  state: unknown;
  batch: StatsBatch;
  now: number;
}

interface OpenEpisode {
  id: number;
  firstAt: number;
}

const MAX_CACHED = 200_000;

/** The position moved under the reader: another process committed these lines first. */
export class PositionConflict extends AppError {
  constructor(stream: string) {
    super(
      'CONFLICT',
      `Another reader committed ${stream} first; this one re-reads from the stored position.`,
    );
  }
}

export class StatsWriter {
  private readonly insertEvent;
  private readonly upsertRollup;
  private readonly findOpen;
  private readonly insertEpisode;
  private readonly deferEpisode;
  private readonly passEpisode;
  private readonly updatePosition;
  private readonly insertPosition;
  private readonly bumpRevision;
  private readonly readRevision;
  private readonly refusals: RefusalDays;
  private readonly greylistDays: GreylistDays;
  /** Open episodes of the sources this writer wrote (null: known to have none open). */
  private readonly episodes = new Map<string, OpenEpisode | null>();
  /** The store's stats revision after our last commit: if it moved, someone else wrote. */
  private lastRevision = -1;

  constructor(private readonly db: Db) {
    this.insertEvent = db.prepare(
      `INSERT INTO stats_events (source_id, time, metric, reason, rule, client, client_name, helo,
         sender, sender_domain, recipient, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.upsertRollup = db.prepare(
      `INSERT INTO stats_rollups (span, bucket, source_id, metric, reason, rule, count)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (span, bucket, source_id, metric, reason, rule)
       DO UPDATE SET count = count + excluded.count`,
    );
    this.findOpen = db.prepare(
      `SELECT id, first_at AS firstAt FROM stats_greylist
       WHERE source_id = ? AND triplet = ? AND passed_at IS NULL`,
    );
    this.insertEpisode = db.prepare(
      `INSERT INTO stats_greylist (source_id, triplet, first_at, last_at, policy_attempts,
         smtpd_attempts, client, client_name, sender, sender_domain, recipient)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Both return what the per-day counts need to move the episode (greylist-days.ts).
    this.deferEpisode = db.prepare(
      `UPDATE stats_greylist SET last_at = max(last_at, ?),
         policy_attempts = policy_attempts + ?, smtpd_attempts = smtpd_attempts + ?
       WHERE id = ? AND source_id = ? AND triplet = ? AND passed_at IS NULL
       RETURNING policy_attempts AS policy, smtpd_attempts AS smtpd`,
    );
    this.passEpisode = db.prepare(
      `UPDATE stats_greylist SET passed_at = ?, delay_s = ?
       WHERE id = ? AND source_id = ? AND triplet = ? AND passed_at IS NULL
       RETURNING max(policy_attempts, smtpd_attempts) AS attempts`,
    );
    this.updatePosition = db.prepare(
      `UPDATE log_positions SET position = ?, state = ?, revision = revision + 1,
         lines = lines + ?, unknown = unknown + ?, last_time = coalesce(?, last_time),
         updated_at = ?
       WHERE source_id = ? AND stream = ? AND revision = ?`,
    );
    this.insertPosition = db.prepare(
      `INSERT INTO log_positions (source_id, stream, position, state, revision, lines, unknown,
         last_time, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)
       ON CONFLICT (source_id, stream) DO NOTHING`,
    );
    this.bumpRevision = db
      .prepare("UPDATE stats_meta SET value = value + 1 WHERE key = 'revision' RETURNING value")
      .pluck();
    this.readRevision = db.prepare("SELECT value FROM stats_meta WHERE key = 'revision'").pluck();
    this.refusals = new RefusalDays(db);
    this.greylistDays = new GreylistDays(db);
  }

  /** Writes the batch and moves the position; returns the position's new revision. */
  commit(r: CommitRequest): number {
    const run = this.db.transaction((): number => {
      const storeRevision = this.readRevision.get() as number;
      if (storeRevision !== this.lastRevision) this.episodes.clear();
      const b = r.batch;
      const position = JSON.stringify(r.position);
      const state = r.state === undefined ? null : JSON.stringify(r.state);
      if (r.expectedRevision === null) {
        const inserted = this.insertPosition.run(
          r.sourceId,
          r.stream,
          position,
          state,
          b.lines,
          b.unknown,
          b.lastTime ?? null,
          r.now,
        );
        if (inserted.changes !== 1) throw new PositionConflict(r.stream);
      } else {
        const updated = this.updatePosition.run(
          position,
          state,
          b.lines,
          b.unknown,
          b.lastTime ?? null,
          r.now,
          r.sourceId,
          r.stream,
          r.expectedRevision,
        );
        if (updated.changes !== 1) throw new PositionConflict(r.stream);
      }
      for (const e of b.events)
        this.insertEvent.run(
          r.sourceId,
          e.time,
          e.metric,
          e.reason,
          e.rule,
          e.client,
          e.clientName,
          e.helo,
          e.sender,
          e.senderDomain,
          e.recipient,
          e.line ?? null,
        );
      this.refusals.add(r.sourceId, b.events);
      this.writeRollups(r.sourceId, b.rollups);
      for (const op of b.greylist) this.greylist(r.sourceId, op);
      this.lastRevision = this.bumpRevision.get() as number;
      return r.expectedRevision === null ? 1 : r.expectedRevision + 1;
    });
    try {
      return run.immediate();
    } catch (e) {
      // The cache may describe writes that were rolled back.
      this.episodes.clear();
      this.lastRevision = -1;
      throw e;
    }
  }

  private writeRollups(sourceId: number, minutes: Map<string, number>): void {
    // Hours and days are summed here first: one upsert per row, not per minute.
    const rows = new Map<string, number>();
    for (const [key, n] of minutes) {
      const cut = key.indexOf(SEP);
      const minute = Number(key.slice(0, cut));
      const rest = key.slice(cut);
      const hour = minute - (((minute % 60) + 60) % 60);
      const day = minute - (((minute % 1440) + 1440) % 1440);
      for (const k of [
        `1${SEP}${minute}${rest}`,
        `60${SEP}${hour}${rest}`,
        `1440${SEP}${day}${rest}`,
      ])
        rows.set(k, (rows.get(k) ?? 0) + n);
    }
    for (const [key, n] of rows) {
      const [span, bucket, metric, reason, rule] = key.split(SEP);
      this.upsertRollup.run(Number(span), Number(bucket), sourceId, metric, reason, rule, n);
    }
  }

  private open(sourceId: number, triplet: string): OpenEpisode | null {
    const key = `${sourceId}${SEP}${triplet}`;
    let e = this.episodes.get(key);
    if (e === undefined) {
      e = (this.findOpen.get(sourceId, triplet) as OpenEpisode | undefined) ?? null;
      this.remember(key, e);
    }
    return e;
  }

  private remember(key: string, e: OpenEpisode | null): void {
    if (this.episodes.size >= MAX_CACHED) this.episodes.clear();
    this.episodes.set(key, e);
  }

  private greylist(sourceId: number, op: GreylistOp): void {
    const open = this.open(sourceId, op.triplet);
    const key = `${sourceId}${SEP}${op.triplet}`;
    if (op.op === 'defer') {
      const policy = op.by === 'policy' ? 1 : 0;
      // A remembered episode may have been deleted by retention (which moves the revision, so
      // the cache is cleared — but a writer may be mid-batch) and its id reused by another
      // server's or triplet's: the update checks both, and a miss starts a new episode.
      const n = open
        ? (this.deferEpisode.get(op.time, policy, 1 - policy, open.id, sourceId, op.triplet) as
            { policy: number; smtpd: number } | undefined)
        : undefined;
      if (open && n) {
        // Attempts are the larger of the two sources' counts: this one may have raised it.
        const more =
          Math.max(n.policy, n.smtpd) - Math.max(n.policy - policy, n.smtpd - 1 + policy);
        if (more) this.greylistDays.count(sourceId, open.firstAt, NO_DELAY, false, 0, more);
      } else {
        const id = Number(
          this.insertEpisode.run(
            sourceId,
            op.triplet,
            op.time,
            op.time,
            policy,
            1 - policy,
            op.client,
            op.clientName,
            op.sender,
            op.senderDomain,
            op.recipient,
          ).lastInsertRowid,
        );
        this.remember(key, { id, firstAt: op.time });
        this.greylistDays.count(sourceId, op.time, NO_DELAY, false, 1, 1);
      }
      return;
    }
    if (!open) return;
    const delay = op.delaySeconds ?? Math.max(0, Math.round((op.time - open.firstAt) / 1000));
    const passed = this.passEpisode.get(op.time, delay, open.id, sourceId, op.triplet) as
      { attempts: number } | undefined;
    this.remember(key, null);
    if (!passed) return;
    const { attempts } = passed;
    this.greylistDays.count(sourceId, open.firstAt, NO_DELAY, false, -1, -attempts);
    this.greylistDays.count(sourceId, open.firstAt, delayBin(true, delay), true, 1, attempts);
  }
}
