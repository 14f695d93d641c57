// Policy versions: every save is a new row; the current policy is the newest. Runtime: Node.

import type { Db } from './database';
import type { Policy } from '../policy/schema';

export interface PolicyVersionRow {
  id: number;
  createdAt: number;
  actor: string;
  message: string;
  policy: Policy;
}

interface Raw {
  id: number;
  created_at: number;
  actor: string;
  message: string;
  document: string;
}

const toRow = (r: Raw): PolicyVersionRow => ({
  id: r.id,
  createdAt: r.created_at,
  actor: r.actor,
  message: r.message,
  policy: JSON.parse(r.document) as Policy,
});

export class PolicyRepo {
  constructor(private readonly db: Db) {}

  current(): PolicyVersionRow | undefined {
    const r = this.db.prepare('SELECT * FROM policy_versions ORDER BY id DESC LIMIT 1').get() as
      Raw | undefined;
    return r && toRow(r);
  }

  get(id: number): PolicyVersionRow | undefined {
    const r = this.db.prepare('SELECT * FROM policy_versions WHERE id = ?').get(id) as
      Raw | undefined;
    return r && toRow(r);
  }

  save(policy: Policy, message: string, actor: string, now: number): PolicyVersionRow {
    const info = this.db
      .prepare(
        'INSERT INTO policy_versions (created_at, actor, message, document) VALUES (?, ?, ?, ?)',
      )
      .run(now, actor, message, JSON.stringify(policy));
    return this.get(Number(info.lastInsertRowid)) as PolicyVersionRow;
  }

  list(limit = 100): Omit<PolicyVersionRow, 'policy'>[] {
    return (
      this.db
        .prepare(
          'SELECT id, created_at, actor, message FROM policy_versions ORDER BY id DESC LIMIT ?',
        )
        .all(limit) as Omit<Raw, 'document'>[]
    ).map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      actor: r.actor,
      message: r.message,
    }));
  }
}
