// Server inventory rows, their last status and inspections, and host key pin dates.
// Runtime: Node.

import type { Db } from './database';
import type { ServerInput, ServerInspection, ServerStatus } from '../app/types/servers';
import { AppError } from '../app/result';

export interface ServerRow {
  id: number;
  name: string;
  host: string;
  port: number | null;
  username: string | null;
  identityFile: string | null;
  tags: string[];
  notes: string;
  createdAt: number;
  updatedAt: number;
}

interface RawRow {
  id: number;
  name: string;
  host: string;
  port: number | null;
  username: string | null;
  identity_file: string | null;
  tags: string;
  notes: string;
  created_at: number;
  updated_at: number;
}

const toRow = (r: RawRow): ServerRow => ({
  id: r.id,
  name: r.name,
  host: r.host,
  port: r.port,
  username: r.username,
  identityFile: r.identity_file,
  tags: JSON.parse(r.tags) as string[],
  notes: r.notes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const nameTaken = (name: string) =>
  new AppError('CONFLICT', `A server named "${name}" already exists. Choose another name.`, {
    field: 'name',
  });

export class ServersRepo {
  constructor(private readonly db: Db) {}

  all(): ServerRow[] {
    return (
      this.db.prepare('SELECT * FROM servers ORDER BY name COLLATE NOCASE').all() as RawRow[]
    ).map(toRow);
  }

  get(id: number): ServerRow | undefined {
    const r = this.db.prepare('SELECT * FROM servers WHERE id = ?').get(id) as RawRow | undefined;
    return r && toRow(r);
  }

  require(id: number): ServerRow {
    const row = this.get(id);
    if (!row)
      throw new AppError(
        'NOT_FOUND',
        `There is no server with id ${id}; it may have been removed.`,
      );
    return row;
  }

  byName(name: string): ServerRow | undefined {
    const r = this.db.prepare('SELECT * FROM servers WHERE name = ?').get(name) as
      RawRow | undefined;
    return r && toRow(r);
  }

  add(input: ServerInput, now: number): ServerRow {
    if (this.byName(input.name)) throw nameTaken(input.name);
    const info = this.db
      .prepare(
        `INSERT INTO servers (name, host, port, username, identity_file, tags, notes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.name,
        input.host,
        input.port ?? null,
        input.username ?? null,
        input.identityFile ?? null,
        JSON.stringify(input.tags ?? []),
        input.notes ?? '',
        now,
        now,
      );
    return this.require(Number(info.lastInsertRowid));
  }

  update(
    id: number,
    patch: Partial<ServerInput>,
    now: number,
  ): { before: ServerRow; after: ServerRow } {
    const before = this.require(id);
    if (
      patch.name !== undefined &&
      patch.name.toLowerCase() !== before.name.toLowerCase() &&
      this.byName(patch.name)
    )
      throw nameTaken(patch.name);
    const next = { ...before, ...patch } as ServerRow & ServerInput;
    this.db
      .prepare(
        `UPDATE servers SET name = ?, host = ?, port = ?, username = ?, identity_file = ?, tags = ?, notes = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(
        next.name,
        next.host,
        next.port ?? null,
        next.username ?? null,
        next.identityFile ?? null,
        JSON.stringify(next.tags ?? []),
        next.notes ?? '',
        now,
        id,
      );
    return { before, after: this.require(id) };
  }

  remove(id: number): ServerRow {
    const row = this.require(id);
    this.db.prepare('DELETE FROM servers WHERE id = ?').run(id);
    return row;
  }

  status(id: number): ServerStatus | undefined {
    const r = this.db.prepare('SELECT * FROM server_status WHERE server_id = ?').get(id) as
      | {
          checked_at: number;
          ok: number;
          error_code: string | null;
          message: string | null;
          detail: string | null;
          fingerprint: string | null;
          privilege: string | null;
        }
      | undefined;
    if (!r) return undefined;
    return {
      checkedAt: r.checked_at,
      ok: r.ok === 1,
      ...(r.error_code ? { code: r.error_code as ServerStatus['code'] } : {}),
      ...(r.message ? { message: r.message } : {}),
      ...(r.detail ? { detail: JSON.parse(r.detail) as unknown } : {}),
      ...(r.fingerprint ? { fingerprint: r.fingerprint } : {}),
      ...(r.privilege ? { privilege: r.privilege as ServerStatus['privilege'] } : {}),
    };
  }

  setStatus(id: number, s: ServerStatus): void {
    this.db
      .prepare(
        `INSERT INTO server_status (server_id, checked_at, ok, error_code, message, detail, fingerprint, privilege)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (server_id) DO UPDATE SET checked_at = excluded.checked_at, ok = excluded.ok, error_code = excluded.error_code,
           message = excluded.message, detail = excluded.detail, fingerprint = coalesce(excluded.fingerprint, fingerprint), privilege = coalesce(excluded.privilege, privilege)`,
      )
      .run(
        id,
        s.checkedAt,
        s.ok ? 1 : 0,
        s.code ?? null,
        s.message ?? null,
        s.detail === undefined ? null : JSON.stringify(s.detail),
        s.fingerprint ?? null,
        s.privilege ?? null,
      );
  }

  lastInspection(id: number): ServerInspection | undefined {
    const r = this.db
      .prepare(
        'SELECT result FROM inspections WHERE server_id = ? ORDER BY at DESC, id DESC LIMIT 1',
      )
      .pluck()
      .get(id) as string | undefined;
    return r ? (JSON.parse(r) as ServerInspection) : undefined;
  }

  /** Keeps the last `keep` inspections per server: enough history without growing forever. */
  addInspection(id: number, inspection: ServerInspection, keep = 20): void {
    this.db
      .prepare('INSERT INTO inspections (server_id, at, result) VALUES (?, ?, ?)')
      .run(id, inspection.at, JSON.stringify(inspection));
    this.db
      .prepare(
        'DELETE FROM inspections WHERE server_id = ? AND id NOT IN (SELECT id FROM inspections WHERE server_id = ? ORDER BY at DESC, id DESC LIMIT ?)',
      )
      .run(id, id, keep);
  }

  recordPin(
    host: string,
    port: number,
    keyType: string,
    fingerprint: string,
    file: string,
    now: number,
  ): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO host_key_pins (host, port, key_type, fingerprint, file, pinned_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(host, port, keyType, fingerprint, file, now);
  }

  /** When the key currently pinned for host:port was accepted (the most recent pin). */
  pinnedAt(host: string, port: number): number | undefined {
    return (
      (this.db
        .prepare('SELECT max(pinned_at) FROM host_key_pins WHERE host = ? AND port = ?')
        .pluck()
        .get(host, port) as number | undefined) ?? undefined
    );
  }
}
