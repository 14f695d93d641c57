// The shape of one schema migration. Runtime: Node.

import type Database from 'better-sqlite3';

export interface Migration {
  /** PRAGMA user_version after this migration; versions are 1, 2, 3, … without gaps. */
  version: number;
  name: string;
  /** Runs inside a transaction together with the user_version bump. */
  up(db: Database.Database): void;
}

/** 'mxwd' — marks the file as ours, so we never migrate some other program's database. */
export const APPLICATION_ID = 0x6d787764;
