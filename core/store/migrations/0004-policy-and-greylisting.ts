// v4: policy versions (the current one is the latest), and greylisting state.
// Runtime: Node.

import type { Migration } from './migration';

export const migration0004: Migration = {
  version: 4,
  name: 'policy versions, greylisting state',
  up(db) {
    db.exec(`
      CREATE TABLE policy_versions (
        id         INTEGER PRIMARY KEY,
        created_at INTEGER NOT NULL,
        actor      TEXT NOT NULL,
        message    TEXT NOT NULL DEFAULT '',
        document   TEXT NOT NULL CHECK (json_valid(document))
      ) STRICT;

      CREATE TABLE greylist_triplets (
        key    TEXT PRIMARY KEY,
        first  INTEGER NOT NULL,
        last   INTEGER NOT NULL,
        passed INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX greylist_triplets_last ON greylist_triplets (last);

      CREATE TABLE greylist_clients (
        net          TEXT PRIMARY KEY,
        count        INTEGER NOT NULL,
        last_counted INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
