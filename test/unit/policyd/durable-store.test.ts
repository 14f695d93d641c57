// The policy service's group commit, on a real SQLite file: the decisions of one turn of the
// event loop share one transaction, nobody is told "done" before the COMMIT has returned (a
// second connection sees the rows by then, not before), and a failed transaction fails every
// decision in it — none of them may be answered.
// Runtime: Node (vitest unit project).

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DurableGreylistStore } from '../../../core/policyd/durable-store';
import { preallocateWal } from '../../../core/policyd/wal-preallocate';
import { openStore } from '../../../core/store/database';
import { tempDir } from '../../support/temp';

const dir = tempDir();
let n = 0;
const open = () => {
  const file = path.join(dir, `store-${++n}.db`);
  return { file, store: openStore(file) };
};
const turn = () => new Promise((r) => setImmediate(r));

describe('durable greylist store (group commit)', () => {
  it('tells nobody before the commit, which comes once per turn for everything written in it', async () => {
    const { file, store } = open();
    const g = new DurableGreylistStore(store.db);
    const other = new Database(file, { readonly: true });
    const count = () =>
      (other.prepare('SELECT count(*) AS n FROM greylist_triplets').get() as { n: number }).n;
    const told: string[] = [];
    for (const k of ['a', 'b', 'c']) {
      g.setTriplet(k, { first: 1, last: 1, passed: false });
      g.afterCommit((e) => told.push(e ? `error ${k}` : k));
    }
    // Written, readable by the writer itself, but neither committed nor announced yet.
    expect(g.getTriplet('b')).toEqual({ first: 1, last: 1, passed: false });
    expect(told).toEqual([]);
    expect(count()).toBe(0);
    await turn();
    expect(told).toEqual(['a', 'b', 'c']);
    expect(count()).toBe(3);
    expect(g.stats.commits).toBe(1);
    // With nothing open, a read-only decision is told at once.
    let now = false;
    g.afterCommit(() => (now = true));
    expect(now).toBe(true);
    other.close();
    store.close();
  });

  it('fails every decision of a transaction in which a write failed, and keeps none of it', async () => {
    const { file, store } = open();
    const g = new DurableGreylistStore(store.db);
    const told: string[] = [];
    g.setTriplet('kept-out', { first: 1, last: 1, passed: false });
    g.afterCommit((e) => told.push(e ? 'first failed' : 'first ok'));
    // A real failure inside the open transaction: the table has gone (as after a bad hand edit).
    store.db.exec('ALTER TABLE greylist_clients RENAME TO gone');
    expect(() => g.setClient('192.0.2.0/24', { count: 1, lastCounted: 1 })).toThrow(
      /no such table/,
    );
    g.afterCommit((e) => told.push(e ? 'second failed' : 'second ok'));
    await turn();
    expect(told).toEqual(['first failed', 'second failed']);
    expect(g.stats.failedCommits).toBe(1);
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT count(*) AS n FROM greylist_triplets').get()).toEqual({ n: 0 });
    other.close();
    store.close();
  });

  it('preallocates the WAL for --sync full, once', () => {
    const { file, store } = open();
    preallocateWal(store.db, file, 500);
    const size = fs.statSync(`${file}-wal`).size;
    expect(size).toBeGreaterThanOrEqual(500 * 4096);
    preallocateWal(store.db, file, 500);
    expect(fs.statSync(`${file}-wal`).size).toBe(size);
    expect(
      store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'policyd_wal_padding'").all(),
    ).toEqual([]);
    store.close();
  });
});
