// The policy service's greylisting state: the SQLite store, with every decision durable before
// its reply leaves (a reply describes state that a crash must not forget, or the sender would be
// greylisted again and told a different story). Commits are grouped: the decisions made in one
// turn of the event loop share one transaction, and their replies are released only after its
// COMMIT returned. No reply ever waits for a commit that does not contain its decision's writes
// or anything it read, and none is sent for a decision whose commit failed.
// Runtime: Node (better-sqlite3).

import { SqliteGreylistStore } from '../greylist/sqlite-store';
import type { ClientState, GreylistStore, TripletState } from '../greylist/state';
import type { Db } from '../store/database';

/** Called once what was written so far is committed; `error` when it could not be. */
export type CommitWaiter = (error?: Error) => void;

export interface DurableStats {
  commits: number;
  /** Decisions whose replies waited for a commit. */
  waited: number;
  failedCommits: number;
}

export class DurableGreylistStore implements GreylistStore {
  private readonly inner: SqliteGreylistStore;
  private readonly begin;
  private readonly commitStmt;
  private readonly rollbackStmt;
  private open = false;
  private failure: Error | undefined;
  private waiters: CommitWaiter[] = [];
  readonly stats: DurableStats = { commits: 0, waited: 0, failedCommits: 0 };

  constructor(private readonly db: Db) {
    this.inner = new SqliteGreylistStore(db);
    // IMMEDIATE: take the write lock at BEGIN, so a COMMIT never fails for a lock it lacked.
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commitStmt = db.prepare('COMMIT');
    this.rollbackStmt = db.prepare('ROLLBACK');
  }

  getTriplet(key: string): TripletState | undefined {
    return this.guard(() => this.inner.getTriplet(key));
  }

  setTriplet(key: string, state: TripletState): void {
    this.write(() => this.inner.setTriplet(key, state));
  }

  getClient(net: string): ClientState | undefined {
    return this.guard(() => this.inner.getClient(net));
  }

  setClient(net: string, state: ClientState): void {
    this.write(() => this.inner.setClient(net, state));
  }

  purge(before: number): number {
    let n = 0;
    this.write(() => (n = this.inner.purge(before)));
    return n;
  }

  /**
   * Runs `done` once everything decided so far is durable: at once when no transaction is open
   * (whatever the caller read or wrote was committed earlier), otherwise after its COMMIT.
   */
  afterCommit(done: CommitWaiter): void {
    if (!this.open) return done();
    this.stats.waited++;
    this.waiters.push(done);
  }

  /** Commits now (shutdown; tests). */
  flush(): void {
    if (this.open) this.commit();
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      // Whatever the open transaction holds can no longer be trusted: it will be rolled back.
      if (this.open) this.failure ??= e as Error;
      throw e;
    }
  }

  private write(fn: () => void): void {
    if (!this.open) {
      this.begin.run();
      this.open = true;
      // After the I/O callbacks of this turn: every request that arrived together joins.
      setImmediate(() => this.commit());
    }
    this.guard(fn);
  }

  private commit(): void {
    if (!this.open) return;
    const waiters = this.waiters;
    this.waiters = [];
    this.open = false;
    let error = this.failure;
    this.failure = undefined;
    if (!error) {
      try {
        this.commitStmt.run();
        this.stats.commits++;
      } catch (e) {
        error = e as Error;
      }
    }
    if (error) {
      this.stats.failedCommits++;
      // SQLite may already have rolled back by itself (e.g. on SQLITE_FULL).
      if (this.db.inTransaction) {
        try {
          this.rollbackStmt.run();
        } catch {
          /* nothing more can be done: the waiters are told below */
        }
      }
    }
    for (const w of waiters) w(error);
  }
}
