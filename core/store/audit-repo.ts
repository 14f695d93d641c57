// The audit log: append-only rows, newest-first paging, per-day activity. Runtime: Node.

import type { Db } from './database';
import type { AuditActivityDay, AuditEntry, AuditListRequest, AuditListResponse } from '../app/api';

export interface NewAuditEntry {
  time: number;
  actor: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

interface Row {
  id: number;
  time: number;
  actor: string;
  action: string;
  target: string;
  detail: string;
}

const toEntry = (r: Row): AuditEntry => ({
  ...r,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});

/** Escapes LIKE wildcards so a search for "50%" or "a_b" means exactly that. */
const likeLiteral = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class AuditRepo {
  constructor(private readonly db: Db) {}

  append(entry: NewAuditEntry): AuditEntry {
    const info = this.db
      .prepare('INSERT INTO audit_log (time, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)')
      .run(entry.time, entry.actor, entry.action, entry.target, JSON.stringify(entry.detail));
    return { id: Number(info.lastInsertRowid), ...entry };
  }

  exists(id: number): boolean {
    return this.db.prepare('SELECT 1 FROM audit_log WHERE id = ?').get(id) !== undefined;
  }

  maxId(): number {
    return (
      (this.db.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number) ?? 0
    );
  }

  /** Entries with id > afterId, oldest first (at most 1000: a burst beyond that is not live news). */
  after(afterId: number): AuditEntry[] {
    return (
      this.db
        .prepare(
          'SELECT id, time, actor, action, target, detail FROM audit_log WHERE id > ? ORDER BY id LIMIT 1000',
        )
        .all(afterId) as Row[]
    ).map(toEntry);
  }

  list(req: AuditListRequest): AuditListResponse {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (req.action) {
      where.push("action LIKE ? ESCAPE '\\'");
      params.push(`${likeLiteral(req.action)}%`);
    }
    if (req.search) {
      where.push("(action || ' ' || target || ' ' || actor || ' ' || detail) LIKE ? ESCAPE '\\'");
      params.push(`%${likeLiteral(req.search)}%`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM audit_log ${filter}`).get(...params) as {
        n: number;
      }
    ).n;
    const limit = req.limit ?? 100;
    const page = req.before === undefined ? filter : `${filter ? `${filter} AND` : 'WHERE'} id < ?`;
    const pageParams = req.before === undefined ? params : [...params, req.before];
    const rows = this.db
      .prepare(
        `SELECT id, time, actor, action, target, detail FROM audit_log ${page} ORDER BY id DESC LIMIT ?`,
      )
      .all(...pageParams, limit + 1) as Row[];
    const more = rows.length > limit;
    const entries = rows.slice(0, limit).map(toEntry);
    const last = entries.at(-1);
    return more && last ? { entries, total, nextBefore: last.id } : { entries, total };
  }

  /** Count per UTC day for the last `days` days including today; days without rows are 0. */
  activity(days: number, now: number): AuditActivityDay[] {
    const dayMs = 86_400_000;
    const today = Math.floor(now / dayMs);
    const first = today - days + 1;
    const rows = this.db
      // Integer division needs integer operands: a bound JS number arrives as REAL.
      .prepare(
        `SELECT time / ${dayMs} AS d, count(*) AS n FROM audit_log WHERE time >= ? GROUP BY d`,
      )
      .all(first * dayMs) as { d: number; n: number }[];
    const byDay = new Map(rows.map((r) => [r.d, r.n]));
    const out: AuditActivityDay[] = [];
    for (let d = first; d <= today; d++) {
      out.push({ day: new Date(d * dayMs).toISOString().slice(0, 10), count: byDay.get(d) ?? 0 });
    }
    return out;
  }
}
