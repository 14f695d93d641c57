// v5: pushes — each push (who, which policy version, dry run or not, how it ended) and its result
// per server (steps with timings, the error, what changed, and what was written, kept to show
// drift against and to roll back to). Servers are named, not referenced: history outlives them.
// Runtime: Node.

import type { Migration } from './migration';

export const migration0005: Migration = {
  version: 5,
  name: 'pushes',
  up(db) {
    db.exec(`
      CREATE TABLE pushes (
        id                TEXT PRIMARY KEY,
        started_at        INTEGER NOT NULL,
        finished_at       INTEGER,
        actor             TEXT NOT NULL,
        policy_version_id INTEGER NOT NULL,
        policy_name       TEXT NOT NULL,
        dry_run           INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
        kind              TEXT NOT NULL CHECK (kind IN ('push', 'rollback')),
        outcome           TEXT NOT NULL,
        selection         TEXT NOT NULL CHECK (json_valid(selection))
      ) STRICT;
      CREATE INDEX pushes_started ON pushes (started_at);

      CREATE TABLE push_servers (
        push_id     TEXT NOT NULL REFERENCES pushes (id) ON DELETE CASCADE,
        server_id   INTEGER NOT NULL,
        server_name TEXT NOT NULL,
        position    INTEGER NOT NULL,
        canary      INTEGER NOT NULL CHECK (canary IN (0, 1)),
        outcome     TEXT NOT NULL,
        failed_step TEXT,
        state       TEXT,
        error       TEXT CHECK (error IS NULL OR json_valid(error)),
        steps       TEXT NOT NULL CHECK (json_valid(steps)),
        changes     TEXT NOT NULL CHECK (json_valid(changes)),
        written     TEXT CHECK (written IS NULL OR json_valid(written)),
        drift       TEXT CHECK (drift IS NULL OR json_valid(drift)),
        PRIMARY KEY (push_id, server_id)
      ) STRICT;
      CREATE INDEX push_servers_server ON push_servers (server_id, push_id);
    `);
  },
};
