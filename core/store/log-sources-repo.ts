// Log sources (a managed server, or a name given to `mxwarden ingest`), how far each reader of
// them got (its position and correlation state, written with the events it produced), whether
// a server's log is followed, and the lease that lets one process at a time follow them.
// Runtime: Node.

import os from 'node:os';
import type { Db } from './database';

export interface LogSourceRow {
  id: number;
  name: string;
  serverId: number | null;
  createdAt: number;
}

export interface PositionRow {
  sourceId: number;
  stream: string;
  position: unknown;
  state: unknown;
  revision: number;
  lines: number;
  unknown: number;
  lastTime: number | null;
  updatedAt: number;
}

interface RawSource {
  id: number;
  name: string;
  server_id: number | null;
  created_at: number;
}

interface RawPosition {
  source_id: number;
  stream: string;
  position: string;
  state: string | null;
  revision: number;
  lines: number;
  unknown: number;
  last_time: number | null;
  updated_at: number;
}

const toSource = (r: RawSource): LogSourceRow => ({
  id: r.id,
  name: r.name,
  serverId: r.server_id,
  createdAt: r.created_at,
});

const toPosition = (r: RawPosition): PositionRow => ({
  sourceId: r.source_id,
  stream: r.stream,
  position: JSON.parse(r.position) as unknown,
  state: r.state === null ? null : (JSON.parse(r.state) as unknown),
  revision: r.revision,
  lines: r.lines,
  unknown: r.unknown,
  lastTime: r.last_time,
  updatedAt: r.updated_at,
});

/** The tail lease: who follows the logs, and since when it last said it still does. */
export interface Lease {
  owner: string;
  pid: number;
  hostname: string;
  heartbeatAt: number;
}

export class LogSourcesRepo {
  constructor(private readonly db: Db) {}

  all(): LogSourceRow[] {
    return (
      this.db.prepare('SELECT * FROM log_sources ORDER BY name COLLATE NOCASE').all() as RawSource[]
    ).map(toSource);
  }

  byId(id: number): LogSourceRow | undefined {
    const r = this.db.prepare('SELECT * FROM log_sources WHERE id = ?').get(id) as
      RawSource | undefined;
    return r && toSource(r);
  }

  byName(name: string): LogSourceRow | undefined {
    const r = this.db.prepare('SELECT * FROM log_sources WHERE name = ?').get(name) as
      RawSource | undefined;
    return r && toSource(r);
  }

  /**
   * The source of a managed server, created on first use (named after the server; a name an
   * offline import already took is linked to the server instead of duplicated).
   */
  forServer(serverId: number, name: string, now: number): LogSourceRow {
    const linked = this.db
      .prepare('SELECT * FROM log_sources WHERE server_id = ?')
      .get(serverId) as RawSource | undefined;
    if (linked) {
      if (linked.name !== name)
        this.db
          .prepare('UPDATE log_sources SET name = ? WHERE id = ?')
          .run(this.freeName(name, linked.id), linked.id);
      return toSource(
        this.db.prepare('SELECT * FROM log_sources WHERE id = ?').get(linked.id) as RawSource,
      );
    }
    const named = this.byName(name);
    if (named && named.serverId === null) {
      this.db.prepare('UPDATE log_sources SET server_id = ? WHERE id = ?').run(serverId, named.id);
      return { ...named, serverId };
    }
    const id = Number(
      this.db
        .prepare('INSERT INTO log_sources (name, server_id, created_at) VALUES (?, ?, ?)')
        .run(this.freeName(name, -1), serverId, now).lastInsertRowid,
    );
    return this.byId(id) as LogSourceRow;
  }

  /** The source named so, created for an offline import when there is none. */
  forName(name: string, now: number): LogSourceRow {
    const found = this.byName(name);
    if (found) return found;
    const id = Number(
      this.db
        .prepare('INSERT INTO log_sources (name, server_id, created_at) VALUES (?, NULL, ?)')
        .run(name, now).lastInsertRowid,
    );
    return this.byId(id) as LogSourceRow;
  }

  /** `name`, or `name (2)`, … when another source has it. */
  private freeName(name: string, selfId: number): string {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? name : `${name} (${n})`;
      const other = this.byName(candidate);
      if (!other || other.id === selfId) return candidate;
    }
  }

  position(sourceId: number, stream: string): PositionRow | undefined {
    const r = this.db
      .prepare('SELECT * FROM log_positions WHERE source_id = ? AND stream = ?')
      .get(sourceId, stream) as RawPosition | undefined;
    return r && toPosition(r);
  }

  positions(sourceId: number): PositionRow[] {
    return (
      this.db
        .prepare('SELECT * FROM log_positions WHERE source_id = ? ORDER BY stream')
        .all(sourceId) as RawPosition[]
    ).map(toPosition);
  }

  /** Forgets how far a reader got (its next run starts over: used when the admin asks to). */
  resetPosition(sourceId: number, stream: string): void {
    this.db
      .prepare('DELETE FROM log_positions WHERE source_id = ? AND stream = ?')
      .run(sourceId, stream);
  }

  tailEnabled(serverId: number): boolean {
    const v = this.db
      .prepare('SELECT enabled FROM tail_settings WHERE server_id = ?')
      .pluck()
      .get(serverId) as number | undefined;
    return v === undefined ? true : v === 1;
  }

  setTailEnabled(serverId: number, enabled: boolean): void {
    this.db
      .prepare(
        `INSERT INTO tail_settings (server_id, enabled) VALUES (?, ?)
         ON CONFLICT (server_id) DO UPDATE SET enabled = excluded.enabled`,
      )
      .run(serverId, enabled ? 1 : 0);
  }

  lease(): Lease | undefined {
    const r = this.db.prepare('SELECT * FROM tail_lease WHERE id = 1').get() as
      { owner: string; pid: number; hostname: string; heartbeat_at: number } | undefined;
    return r && { owner: r.owner, pid: r.pid, hostname: r.hostname, heartbeatAt: r.heartbeat_at };
  }

  /**
   * Takes or renews the lease for `owner` when it is free, ours, expired, or held by a process of
   * this machine that no longer exists (killed without a chance to let go). True when held.
   */
  acquireLease(owner: string, now: number, expireMs: number): boolean {
    const tx = this.db.transaction(() => {
      const current = this.lease();
      const free =
        !current ||
        current.owner === owner ||
        now - current.heartbeatAt > expireMs ||
        (current.hostname === os.hostname() && !processAlive(current.pid));
      if (!free) return false;
      this.db
        .prepare(
          `INSERT INTO tail_lease (id, owner, pid, hostname, heartbeat_at) VALUES (1, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid,
             hostname = excluded.hostname, heartbeat_at = excluded.heartbeat_at`,
        )
        .run(owner, process.pid, os.hostname(), now);
      return true;
    });
    return tx.immediate();
  }

  releaseLease(owner: string): void {
    this.db.prepare('DELETE FROM tail_lease WHERE id = 1 AND owner = ?').run(owner);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it is just not ours.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
