// v6: cloud senders — the user's own providers (the catalog itself ships with the app) and every
// provider's SPF expansions with their time, DNS lookups, duration and diff against the one
// before.
// Runtime: Node.

import type { Migration } from './migration';

export const migration0006: Migration = {
  version: 6,
  name: 'cloud senders: user providers, SPF expansions',
  up(db) {
    db.exec(`
      CREATE TABLE sender_providers (
        id         TEXT PRIMARY KEY,
        definition TEXT NOT NULL CHECK (json_valid(definition)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sender_expansions (
        id          INTEGER PRIMARY KEY,
        provider_id TEXT NOT NULL,
        at          INTEGER NOT NULL,
        ms          INTEGER NOT NULL,
        lookups     INTEGER NOT NULL,
        complete    INTEGER NOT NULL,
        dns_servers TEXT NOT NULL DEFAULT '',
        result      TEXT NOT NULL CHECK (json_valid(result)),
        diff        TEXT CHECK (diff IS NULL OR json_valid(diff))
      ) STRICT;
      CREATE INDEX sender_expansions_provider ON sender_expansions (provider_id, id);
    `);
  },
};
