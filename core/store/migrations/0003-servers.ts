// v3: the server inventory, connection status, inspections, and when each host key was pinned.
// Runtime: Node.

import type { Migration } from './migration';

export const migration0003: Migration = {
  version: 3,
  name: 'servers, status, inspections, host key pins',
  up(db) {
    db.exec(`
      CREATE TABLE servers (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
        host          TEXT NOT NULL,
        port          INTEGER CHECK (port IS NULL OR port BETWEEN 1 AND 65535),
        username      TEXT,
        identity_file TEXT,
        tags          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
        notes         TEXT NOT NULL DEFAULT '',
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE server_status (
        server_id   INTEGER PRIMARY KEY REFERENCES servers (id) ON DELETE CASCADE,
        checked_at  INTEGER NOT NULL,
        ok          INTEGER NOT NULL,
        error_code  TEXT,
        message     TEXT,
        detail      TEXT CHECK (detail IS NULL OR json_valid(detail)),
        fingerprint TEXT,
        privilege   TEXT
      ) STRICT;

      CREATE TABLE inspections (
        id        INTEGER PRIMARY KEY,
        server_id INTEGER NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
        at        INTEGER NOT NULL,
        result    TEXT NOT NULL CHECK (json_valid(result))
      ) STRICT;
      CREATE INDEX inspections_server ON inspections (server_id, at);

      CREATE TABLE host_key_pins (
        host        TEXT NOT NULL,
        port        INTEGER NOT NULL,
        key_type    TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        file        TEXT NOT NULL,
        pinned_at   INTEGER NOT NULL,
        PRIMARY KEY (host, port, key_type, fingerprint)
      ) STRICT;
    `);
  },
};
