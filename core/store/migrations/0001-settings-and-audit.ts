// v1: settings as key → JSON value, and the audit log. Runtime: Node.

import { APPLICATION_ID, type Migration } from './migration';

export const migration0001: Migration = {
  version: 1,
  name: 'settings and audit log',
  up(db) {
    db.exec(`
      PRAGMA application_id = ${APPLICATION_ID};

      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        id     INTEGER PRIMARY KEY,
        time   INTEGER NOT NULL,
        actor  TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
      ) STRICT;

      CREATE INDEX audit_log_time ON audit_log (time);
    `);
  },
};
