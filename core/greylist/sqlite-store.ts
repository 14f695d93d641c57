// Greylisting state in SQLite (the app's store, or the policy service's own file).
// Prepared statements once; every decision is its own small transaction. Runtime: Node.

import type { Db } from '../store/database';
import type { ClientState, GreylistStore, TripletState } from './state';

export class SqliteGreylistStore implements GreylistStore {
  private readonly getT;
  private readonly setT;
  private readonly getC;
  private readonly setC;
  private readonly purgeT;
  private readonly purgeC;

  constructor(db: Db) {
    this.getT = db.prepare('SELECT first, last, passed FROM greylist_triplets WHERE key = ?');
    this.setT = db.prepare(
      `INSERT INTO greylist_triplets (key, first, last, passed) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET first = excluded.first, last = excluded.last, passed = excluded.passed`,
    );
    this.getC = db.prepare('SELECT count, last_counted FROM greylist_clients WHERE net = ?');
    this.setC = db.prepare(
      `INSERT INTO greylist_clients (net, count, last_counted) VALUES (?, ?, ?)
       ON CONFLICT (net) DO UPDATE SET count = excluded.count, last_counted = excluded.last_counted`,
    );
    this.purgeT = db.prepare('DELETE FROM greylist_triplets WHERE last < ?');
    this.purgeC = db.prepare('DELETE FROM greylist_clients WHERE last_counted < ?');
  }

  getTriplet(key: string): TripletState | undefined {
    const r = this.getT.get(key) as { first: number; last: number; passed: number } | undefined;
    return r && { first: r.first, last: r.last, passed: r.passed === 1 };
  }

  setTriplet(key: string, s: TripletState): void {
    this.setT.run(key, s.first, s.last, s.passed ? 1 : 0);
  }

  getClient(net: string): ClientState | undefined {
    const r = this.getC.get(net) as { count: number; last_counted: number } | undefined;
    return r && { count: r.count, lastCounted: r.last_counted };
  }

  setClient(net: string, s: ClientState): void {
    this.setC.run(net, s.count, s.lastCounted);
  }

  purge(before: number): number {
    return this.purgeT.run(before).changes + this.purgeC.run(before).changes;
  }
}
