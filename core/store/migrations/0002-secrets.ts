// v2: secrets encrypted by the OS keychain (Electron safeStorage), and audit filtering by action.
// Runtime: Node.

import type { Migration } from './migration';

export const migration0002: Migration = {
  version: 2,
  name: 'encrypted secrets, audit by action',
  up(db) {
    db.exec(`
      CREATE TABLE secrets (
        name       TEXT PRIMARY KEY,
        ciphertext BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE INDEX audit_log_action ON audit_log (action, id);
    `);
  },
};
