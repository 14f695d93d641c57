// The user's own cloud-sender providers and every provider's stored SPF expansions (the newest
// per provider is its current ranges; a few before it are kept for the diff history).
// Runtime: Node.

import type { Db } from './database';
import { providerInput, type ProviderDefinition } from '../senders/provider-schema';
import type { ExpansionDiff, ProviderExpansion } from '../senders/types';

/** Expansions kept per provider (the newest first); older ones are deleted on insert. */
export const KEPT_EXPANSIONS = 20;

interface ProviderRaw {
  id: string;
  definition: string;
  created_at: number;
  updated_at: number;
}

interface ExpansionRaw {
  id: number;
  provider_id: string;
  at: number;
  result: string;
  diff: string | null;
}

export interface StoredProvider {
  definition: ProviderDefinition;
  createdAt: number;
  updatedAt: number;
}

function toExpansion(r: ExpansionRaw): ProviderExpansion {
  const e = JSON.parse(r.result) as ProviderExpansion;
  const diff = r.diff ? (JSON.parse(r.diff) as ExpansionDiff) : undefined;
  return { ...e, id: r.id, providerId: r.provider_id, at: r.at, ...(diff ? { diff } : {}) };
}

export class SendersRepo {
  constructor(private readonly db: Db) {}

  userProviders(): StoredProvider[] {
    const rows = this.db
      .prepare('SELECT * FROM sender_providers ORDER BY id')
      .all() as ProviderRaw[];
    // A stored definition is re-validated: a row edited by hand must not break the page.
    return rows.flatMap((r) => {
      const parsed = providerInput.safeParse(JSON.parse(r.definition));
      return parsed.success
        ? [{ definition: parsed.data, createdAt: r.created_at, updatedAt: r.updated_at }]
        : [];
    });
  }

  hasUserProvider(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM sender_providers WHERE id = ?').get(id) !== undefined;
  }

  saveUserProvider(definition: ProviderDefinition, now: number): void {
    this.db
      .prepare(
        `INSERT INTO sender_providers (id, definition, created_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`,
      )
      .run(definition.id, JSON.stringify(definition), now, now);
  }

  removeUserProvider(id: string): void {
    this.db.prepare('DELETE FROM sender_providers WHERE id = ?').run(id);
    this.db.prepare('DELETE FROM sender_expansions WHERE provider_id = ?').run(id);
  }

  addExpansion(e: ProviderExpansion, dnsServers: string): ProviderExpansion {
    const { id: _id, diff, ...rest } = e;
    const info = this.db
      .prepare(
        `INSERT INTO sender_expansions (provider_id, at, ms, lookups, complete, dns_servers, result, diff)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        e.providerId,
        e.at,
        e.ms,
        e.lookups,
        e.complete ? 1 : 0,
        dnsServers,
        JSON.stringify(rest),
        diff ? JSON.stringify(diff) : null,
      );
    this.db
      .prepare(
        `DELETE FROM sender_expansions WHERE provider_id = ? AND id NOT IN
           (SELECT id FROM sender_expansions WHERE provider_id = ? ORDER BY id DESC LIMIT ?)`,
      )
      .run(e.providerId, e.providerId, KEPT_EXPANSIONS);
    return { ...e, id: Number(info.lastInsertRowid) };
  }

  /** The newest live expansion of each provider. */
  latest(): Map<string, ProviderExpansion> {
    const rows = this.db
      .prepare(
        `SELECT e.id, e.provider_id, e.at, e.result, e.diff FROM sender_expansions e
         JOIN (SELECT provider_id, max(id) AS id FROM sender_expansions GROUP BY provider_id) m
           ON m.id = e.id`,
      )
      .all() as ExpansionRaw[];
    return new Map(rows.map((r) => [r.provider_id, toExpansion(r)]));
  }

  latestOf(providerId: string): ProviderExpansion | undefined {
    const r = this.db
      .prepare(
        'SELECT id, provider_id, at, result, diff FROM sender_expansions WHERE provider_id = ? ORDER BY id DESC LIMIT 1',
      )
      .get(providerId) as ExpansionRaw | undefined;
    return r && toExpansion(r);
  }

  /** Newest first: when each expansion was made and what it changed (no ranges). */
  history(
    providerId: string,
    limit = KEPT_EXPANSIONS,
  ): {
    id: number;
    at: number;
    ms: number;
    lookups: number;
    complete: boolean;
    diff?: ExpansionDiff;
  }[] {
    const rows = this.db
      .prepare(
        'SELECT id, at, ms, lookups, complete, diff FROM sender_expansions WHERE provider_id = ? ORDER BY id DESC LIMIT ?',
      )
      .all(providerId, limit) as {
      id: number;
      at: number;
      ms: number;
      lookups: number;
      complete: number;
      diff: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      ms: r.ms,
      lookups: r.lookups,
      complete: r.complete === 1,
      ...(r.diff ? { diff: JSON.parse(r.diff) as ExpansionDiff } : {}),
    }));
  }

  /** When the newest live expansion of any provider was made (the schedule counts from it). */
  lastLiveAt(): number | undefined {
    return (
      (this.db.prepare('SELECT max(at) FROM sender_expansions').pluck().get() as number | null) ??
      undefined
    );
  }

  /** Highest expansion id: lets other processes' refreshes be noticed. */
  lastExpansionId(): number {
    return (
      (this.db.prepare('SELECT max(id) FROM sender_expansions').pluck().get() as number | null) ?? 0
    );
  }
}
