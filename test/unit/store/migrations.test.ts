// The store: migrations from empty and from every older version, refusal of files we must not
// touch, and WAL concurrency (real SQLite files, real threads).

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/app/result';
import { openStore } from '../../../core/store/database';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../core/store/migrations';
import { tempDir } from '../../support/temp';

const dir = tempDir();
let n = 0;
const dbPath = () => path.join(dir, `t${++n}.db`);

const tables = (db: Database.Database): string[] =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

function fingerprint(file: string) {
  const stat = fs.statSync(file);
  return {
    sha: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
    size: stat.size,
    mtime: stat.mtimeMs,
  };
}

function expectAppError(fn: () => unknown, code: string): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    return e as AppError;
  }
  throw new Error(`expected ${code}`);
}

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    const expected = Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(expected);
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)?.version);
  });

  it('migrate an empty database to the latest schema, in WAL with foreign keys on', () => {
    const file = dbPath();
    const store = openStore(file);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(tables(store.db)).toEqual(expect.arrayContaining(['settings', 'audit_log', 'secrets']));
    store.close();
    // Reopening an up-to-date database changes nothing and makes no backup.
    const again = openStore(file);
    expect(again.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    again.close();
    expect(
      fs.readdirSync(dir).filter((f) => f.startsWith(path.basename(file)) && f.endsWith('.bak')),
    ).toEqual([]);
  });

  for (const [index, { version: from }] of MIGRATIONS.slice(0, -1).entries()) {
    it(`migrate a version-${from} database with data to the latest, keeping the data and a backup`, () => {
      const file = dbPath();
      const old = new Database(file);
      for (const m of MIGRATIONS.slice(0, index + 1)) {
        m.up(old);
        old.pragma(`user_version = ${m.version}`);
      }
      old
        .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('theme', '\"dark\"', 1)")
        .run();
      old
        .prepare(
          "INSERT INTO audit_log (time, actor, action, target, detail) VALUES (5, 'cli', 'settings.set', 'theme', '{}')",
        )
        .run();
      old.close();

      const store = openStore(file);
      expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(
        store.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('theme'),
      ).toBe('"dark"');
      expect(store.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1);
      expect(tables(store.db)).toEqual(expect.arrayContaining(['secrets']));
      store.close();

      const backup = new Database(`${file}.v${from}.bak`, { readonly: true });
      expect(backup.pragma('user_version', { simple: true })).toBe(from);
      expect(backup.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1);
      backup.close();
    });
  }

  it('roll back a failing migration entirely (no half-migrated schema)', () => {
    const file = dbPath();
    const db = new Database(file);
    const first = MIGRATIONS[0];
    if (!first) throw new Error('no migrations');
    first.up(db);
    db.pragma('user_version = 1');
    // Sabotage: a table the next migration wants to create already exists.
    db.exec('CREATE TABLE secrets (x INTEGER)');
    db.close();
    expect(() => openStore(file)).toThrow(/already exists/);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    expect(
      after
        .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log_action'")
        .pluck()
        .get(),
    ).toBe(0);
    after.close();
  });
});

describe('files the store must not touch', () => {
  it('refuse a database from a newer version with a clear error, leaving the file untouched', () => {
    const file = dbPath();
    const future = new Database(file);
    future.pragma(`application_id = ${APPLICATION_ID}`);
    future.exec('CREATE TABLE from_the_future (x); INSERT INTO from_the_future VALUES (42);');
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    future.close();
    const before = fingerprint(file);
    const siblings = fs.readdirSync(dir).sort();

    const err = expectAppError(() => openStore(file), 'STORE_TOO_NEW');
    expect(err.message).toContain(`schema ${LATEST_SCHEMA_VERSION + 5}`);
    expect(err.message).toMatch(/not modified/);
    expect(err.message).toMatch(/--data-dir/);

    expect(fingerprint(file)).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(siblings); // no -wal, -shm or backup created
  });

  it('refuse a newer database whose migration is still in its WAL file', () => {
    const file = dbPath();
    const future = new Database(file);
    future.pragma('journal_mode = WAL');
    future.pragma(`application_id = ${APPLICATION_ID}`);
    future.pragma('wal_autocheckpoint = 0');
    future.exec('CREATE TABLE t (x)');
    // Simulate a crash: copy the files while the bump sits in the WAL, uncheckpointed.
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    const crashed = dbPath();
    fs.copyFileSync(file, crashed);
    fs.copyFileSync(`${file}-wal`, `${crashed}-wal`);
    future.close();
    const before = fingerprint(crashed);
    expectAppError(() => openStore(crashed), 'STORE_TOO_NEW');
    expect(fingerprint(crashed).sha).toBe(before.sha);
  });

  it("refuse another program's SQLite database and a file that is not SQLite", () => {
    const foreign = dbPath();
    const db = new Database(foreign);
    db.pragma('application_id = 1234');
    db.exec('CREATE TABLE t (x)');
    db.close();
    const before = fingerprint(foreign);
    expect(expectAppError(() => openStore(foreign), 'STORE_INVALID').message).toMatch(
      /not an mxwarden database/,
    );
    expect(fingerprint(foreign)).toEqual(before);

    const text = dbPath();
    fs.writeFileSync(text, 'these are not the bytes you are looking for, '.repeat(10));
    const textBefore = fingerprint(text);
    expectAppError(() => openStore(text), 'STORE_INVALID');
    expect(fingerprint(text)).toEqual(textBefore);
  });
});

describe('WAL concurrency', () => {
  it('lets readers read consistent snapshots while another thread writes', async () => {
    const file = dbPath();
    openStore(file).close();
    const readers = [openStore(file), openStore(file), openStore(file)];
    const flags = new Int32Array(new SharedArrayBuffer(8)); // [0] = writer done, [1] = writer in a transaction

    const worker = new Worker(
      path.join(import.meta.dirname, '..', '..', 'support', 'wal-writer.mjs'),
      {
        workerData: { file, batches: 150, rowsPerBatch: 10, flags },
      },
    );
    const finished = new Promise<{ committed: number; errors: string[] }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });

    let reads = 0;
    let readsDuringOpenWrite = 0;
    const torn: string[] = [];
    const deadline = Date.now() + 30_000;
    // A synchronous loop on purpose: the writer runs in its own thread, truly concurrently.
    while (Atomics.load(flags, 0) === 0 && Date.now() < deadline) {
      for (const r of readers) {
        const writing = Atomics.load(flags, 1) === 1;
        const rows = r.db
          .prepare(
            "SELECT target, count(*) AS n FROM audit_log WHERE target LIKE 'batch-%' GROUP BY target",
          )
          .all() as { target: string; n: number }[];
        for (const row of rows) if (row.n !== 10) torn.push(`${row.target}: ${row.n}`);
        reads++;
        if (writing) readsDuringOpenWrite++;
      }
    }
    const result = await finished;
    await worker.terminate();

    expect(result.errors).toEqual([]);
    expect(result.committed).toBe(150);
    expect(torn).toEqual([]);
    expect(reads).toBeGreaterThan(100);
    expect(readsDuringOpenWrite).toBeGreaterThan(0);
    const total = readers[0]?.db
      .prepare("SELECT count(*) FROM audit_log WHERE target LIKE 'batch-%'")
      .pluck()
      .get();
    expect(total).toBe(1500);
    for (const r of readers) r.close();
  });
});
