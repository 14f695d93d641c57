// Push history: one row per push and one per server in it, written as the push goes (so a
// crash leaves a "running" row that says so) and read for the history and the server page.
// Runtime: Node.

import type { ApiError } from '../app/api';
import type { DriftItem, PushServerResult, PushSummary } from '../app/types/push';
import type { Db } from './database';

export interface WrittenRecord {
  state: unknown;
  files: { path: string; content: string }[];
}

interface PushRaw {
  id: string;
  started_at: number;
  finished_at: number | null;
  actor: string;
  policy_version_id: number;
  policy_name: string;
  dry_run: number;
  kind: 'push' | 'rollback';
  outcome: PushSummary['outcome'];
  selection: string;
}

interface ServerRaw {
  push_id: string;
  server_id: number;
  server_name: string;
  position: number;
  canary: number;
  outcome: PushServerResult['outcome'];
  failed_step: PushServerResult['failedStep'] | null;
  state: PushServerResult['state'] | null;
  error: string | null;
  steps: string;
  changes: string;
  written: string | null;
  drift: string | null;
}

const serverOf = (r: ServerRaw): PushServerResult & { drift?: DriftItem[] } => ({
  serverId: r.server_id,
  serverName: r.server_name,
  canary: r.canary === 1,
  outcome: r.outcome,
  ...(r.failed_step ? { failedStep: r.failed_step } : {}),
  ...(r.state ? { state: r.state } : {}),
  ...(r.error ? { error: JSON.parse(r.error) as ApiError } : {}),
  steps: JSON.parse(r.steps) as PushServerResult['steps'],
  changes: JSON.parse(r.changes) as PushServerResult['changes'],
  ...(r.drift ? { drift: JSON.parse(r.drift) as DriftItem[] } : {}),
});

export class PushRepo {
  constructor(private readonly db: Db) {}

  begin(
    p: Omit<PushSummary, 'servers' | 'outcome' | 'finishedAt'>,
    selection: unknown,
    servers: PushServerResult[],
  ): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO pushes (id, started_at, actor, policy_version_id, policy_name, dry_run, kind, outcome, selection)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
        )
        .run(
          p.id,
          p.startedAt,
          p.actor,
          p.policyVersionId,
          p.policyName,
          p.dryRun ? 1 : 0,
          p.kind,
          JSON.stringify(selection),
        );
      const insert = this.db.prepare(
        `INSERT INTO push_servers (push_id, server_id, server_name, position, canary, outcome, steps, changes)
         VALUES (?, ?, ?, ?, ?, ?, '[]', ?)`,
      );
      servers.forEach((s, i) =>
        insert.run(
          p.id,
          s.serverId,
          s.serverName,
          i,
          s.canary ? 1 : 0,
          s.outcome,
          JSON.stringify(s.changes),
        ),
      );
    })();
  }

  updateServer(
    pushId: string,
    s: PushServerResult,
    extra: { written?: WrittenRecord; drift?: DriftItem[] } = {},
  ): void {
    this.db
      .prepare(
        `UPDATE push_servers SET outcome = ?, failed_step = ?, state = ?, error = ?, steps = ?, changes = ?,
           written = coalesce(?, written), drift = coalesce(?, drift)
         WHERE push_id = ? AND server_id = ?`,
      )
      .run(
        s.outcome,
        s.failedStep ?? null,
        s.state ?? null,
        s.error ? JSON.stringify(s.error) : null,
        JSON.stringify(s.steps),
        JSON.stringify(s.changes),
        extra.written ? JSON.stringify(extra.written) : null,
        extra.drift ? JSON.stringify(extra.drift) : null,
        pushId,
        s.serverId,
      );
  }

  finish(pushId: string, outcome: PushSummary['outcome'], finishedAt: number): void {
    this.db
      .prepare('UPDATE pushes SET outcome = ?, finished_at = ? WHERE id = ?')
      .run(outcome, finishedAt, pushId);
  }

  /** Pushes left "running" by a process that died: said so, not left running forever. */
  abandonRunning(finishedAt: number): number {
    return this.db
      .prepare(`UPDATE pushes SET outcome = 'failed', finished_at = ? WHERE outcome = 'running'`)
      .run(finishedAt).changes;
  }

  get(id: string): PushSummary | undefined {
    const p = this.db.prepare('SELECT * FROM pushes WHERE id = ?').get(id) as PushRaw | undefined;
    return p && this.summary(p);
  }

  list(opts: { serverId?: number; limit?: number } = {}): PushSummary[] {
    const limit = opts.limit ?? 100;
    const rows = (
      opts.serverId === undefined
        ? this.db
            .prepare('SELECT * FROM pushes ORDER BY started_at DESC, id DESC LIMIT ?')
            .all(limit)
        : this.db
            .prepare(
              `SELECT p.* FROM pushes p JOIN push_servers s ON s.push_id = p.id
               WHERE s.server_id = ? ORDER BY p.started_at DESC, p.id DESC LIMIT ?`,
            )
            .all(opts.serverId, limit)
    ) as PushRaw[];
    return rows.map((p) => this.summary(p));
  }

  /** What the last push that landed on this server wrote there (files' contents included). */
  lastWritten(serverId: number): { pushId: string; written: WrittenRecord } | undefined {
    const r = this.db
      .prepare(
        `SELECT s.push_id, s.written FROM push_servers s JOIN pushes p ON p.id = s.push_id
         WHERE s.server_id = ? AND s.written IS NOT NULL ORDER BY p.started_at DESC LIMIT 1`,
      )
      .get(serverId) as { push_id: string; written: string } | undefined;
    return r && { pushId: r.push_id, written: JSON.parse(r.written) as WrittenRecord };
  }

  /** Versions pushed (applied) to a server, newest first: what a rollback can go back to. */
  appliedVersions(serverId: number): { pushId: string; policyVersionId: number; at: number }[] {
    return (
      this.db
        .prepare(
          `SELECT p.id, p.policy_version_id, p.started_at FROM pushes p JOIN push_servers s ON s.push_id = p.id
           WHERE s.server_id = ? AND s.outcome IN ('applied', 'unchanged') AND p.dry_run = 0
           ORDER BY p.started_at DESC`,
        )
        .all(serverId) as { id: string; policy_version_id: number; started_at: number }[]
    ).map((r) => ({ pushId: r.id, policyVersionId: r.policy_version_id, at: r.started_at }));
  }

  private summary(p: PushRaw): PushSummary {
    const servers = (
      this.db
        .prepare('SELECT * FROM push_servers WHERE push_id = ? ORDER BY position')
        .all(p.id) as ServerRaw[]
    ).map(serverOf);
    return {
      id: p.id,
      startedAt: p.started_at,
      ...(p.finished_at !== null ? { finishedAt: p.finished_at } : {}),
      actor: p.actor,
      policyVersionId: p.policy_version_id,
      policyName: p.policy_name,
      dryRun: p.dry_run === 1,
      kind: p.kind,
      outcome: p.outcome,
      servers,
    };
  }
}
