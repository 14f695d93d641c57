// Greylisting state and where it is kept. The store is an interface: SQLite by default, any
// other key-value store can replace it. Synchronous, because the policy service must answer
// in well under a millisecond. Times are whole seconds. Runtime: pure.

export interface TripletState {
  /** When this client network first tried this sender/recipient. */
  first: number;
  /** When it was last seen. */
  last: number;
  /** Whether a retry has been let through since `first` (then the retry window no longer applies). */
  passed: boolean;
}

export interface ClientState {
  /** Successful deliveries, counted at most once per hour (postgrey's auto-whitelist). */
  count: number;
  lastCounted: number;
}

export interface GreylistStore {
  getTriplet(key: string): TripletState | undefined;
  setTriplet(key: string, state: TripletState): void;
  getClient(net: string): ClientState | undefined;
  setClient(net: string, state: ClientState): void;
  /** Forgets everything last seen before `before` (postgrey --max-age). */
  purge(before: number): number;
}

/** For tests and throw-away uses (Check IP's "what if" questions). */
export class MemoryGreylistStore implements GreylistStore {
  readonly triplets = new Map<string, TripletState>();
  readonly clients = new Map<string, ClientState>();
  getTriplet = (k: string) => this.triplets.get(k);
  setTriplet = (k: string, s: TripletState) => void this.triplets.set(k, s);
  getClient = (k: string) => this.clients.get(k);
  setClient = (k: string, s: ClientState) => void this.clients.set(k, s);
  purge(before: number): number {
    let n = 0;
    for (const [k, s] of this.triplets) if (s.last < before && this.triplets.delete(k)) n++;
    for (const [k, s] of this.clients) if (s.lastCounted < before && this.clients.delete(k)) n++;
    return n;
  }
}
