// Opening the SQLite store: refuse files we must not touch, then migrate.
// Runtime: Node (better-sqlite3).

import fs from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../app/result';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { APPLICATION_ID } from './migrations/migration';

export type Db = Database.Database;

export interface OpenStoreOptions {
  /** Path of a better_sqlite3.node built for this runtime (Electron needs its own ABI). */
  nativeBinding?: string;
  /** Copy an existing database aside before migrating it (default true). */
  backupBeforeMigrate?: boolean;
}

export interface Store {
  readonly db: Db;
  readonly path: string;
  readonly schemaVersion: number;
  /** Runs fn in one IMMEDIATE transaction (writers queue instead of failing mid-way). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

interface Header {
  userVersion: number;
  applicationId: number;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

// Read the header bytes directly: deciding to refuse a file must not open it for writing,
// and even a read-only SQLite open of a WAL database can create -shm/-wal files beside it.
function readHeader(path: string): Header | 'empty' | 'not-sqlite' {
  const fd = fs.openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = fs.readSync(fd, buf, 0, 100, 0);
    if (n === 0) return 'empty';
    if (n < 100 || buf.toString('latin1', 0, 16) !== SQLITE_MAGIC) return 'not-sqlite';
    return { userVersion: buf.readUInt32BE(60), applicationId: buf.readUInt32BE(68) };
  } finally {
    fs.closeSync(fd);
  }
}

function tooNew(path: string, version: number): AppError {
  return new AppError(
    'STORE_TOO_NEW',
    `The database ${path} was written by a newer mxwarden (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). ` +
      'It was not modified. Update mxwarden, or start with another data directory (--data-dir).',
    { path, version, latest: LATEST_SCHEMA_VERSION },
  );
}

function notOurs(path: string, why: string): AppError {
  return new AppError(
    'STORE_INVALID',
    `${path} is not an mxwarden database (${why}). It was not modified. Move it away or choose another data directory (--data-dir).`,
    { path },
  );
}

function checkBeforeOpening(path: string): void {
  if (!fs.existsSync(path)) return;
  const header = readHeader(path);
  if (header === 'empty') return;
  if (header === 'not-sqlite') throw notOurs(path, 'not a SQLite file');
  if (header.applicationId !== 0 && header.applicationId !== APPLICATION_ID) {
    throw notOurs(path, `application id 0x${header.applicationId.toString(16)}`);
  }
  if (header.userVersion > LATEST_SCHEMA_VERSION) throw tooNew(path, header.userVersion);
  // A newer version may have crashed with its migration still in the WAL: ask SQLite, read-only.
  if (fs.existsSync(`${path}-wal`)) {
    const ro = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const v = ro.pragma('user_version', { simple: true }) as number;
      if (v > LATEST_SCHEMA_VERSION) throw tooNew(path, v);
    } finally {
      ro.close();
    }
  }
}

export function migrate(db: Db, path: string, backup: boolean): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA_VERSION) throw tooNew(path, current);
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  if (backup && current > 0 && path !== ':memory:') {
    const target = `${path}.v${current}.bak`;
    fs.rmSync(target, { force: true });
    db.prepare('VACUUM INTO ?').run(target);
  }
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      // PRAGMA takes no bound parameters; the version is a number from our own table.
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return LATEST_SCHEMA_VERSION;
}

export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  if (path !== ':memory:') checkBeforeOpening(path);
  let db: Db;
  try {
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (e) {
    throw new AppError('UNAVAILABLE', `Cannot open the database ${path}: ${(e as Error).message}`, {
      path,
    });
  }
  try {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const schemaVersion = migrate(db, path, options.backupBeforeMigrate ?? true);
    return {
      db,
      path,
      schemaVersion,
      transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw notOurs(path, 'not a SQLite file');
    throw e;
  }
}
