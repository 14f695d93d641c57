// v8: the review queue — the log line of each rejection (its sample lines; accepted mail keeps
// none, so the column costs little), the admin's decisions on review items (whitelisted with a
// precision, or dismissed as spam) with what each changed so it can be undone, and the strong-
// evidence alerts already given (one per item, never repeated). Runtime: Node.

import type { Migration } from './migration';

export const migration0008: Migration = {
  version: 8,
  name: 'review queue: rejection lines, decisions, alerts',
  up(db) {
    db.exec(`
      ALTER TABLE stats_events ADD COLUMN line TEXT;

      CREATE TABLE review_decisions (
        id          INTEGER PRIMARY KEY,
        item_key    TEXT NOT NULL,
        label       TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('whitelist', 'dismiss')),
        -- What the decision changed (policy entry, marks before and after): its undo.
        change      TEXT NOT NULL CHECK (json_valid(change)),
        version_id  INTEGER,
        note        TEXT NOT NULL DEFAULT '',
        actor       TEXT NOT NULL,
        decided_at  INTEGER NOT NULL,
        undone_at   INTEGER
      ) STRICT;
      CREATE INDEX review_decisions_key ON review_decisions (item_key) WHERE undone_at IS NULL;

      CREATE TABLE review_alerts (
        item_key   TEXT PRIMARY KEY,
        alerted_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
