// Reuses one SSH connection per server, reconnects when it dropped — spacing failed attempts
// with exponential backoff so an unreachable server is not hammered — and closes idle ones.
// Concurrent callers share a connection attempt. Runtime: Node.

import type { SshSession } from './session';

export interface PoolOptions {
  idleMs?: number;
  /** Waits before the 1st, 2nd, … retry after failures; the last one repeats. */
  backoffMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

interface Slot {
  session?: SshSession;
  connecting?: Promise<SshSession>;
  idleTimer?: ReturnType<typeof setTimeout>;
  users: number;
  failures: number;
  lastFailureAt: number;
}

const DEFAULT_BACKOFF = [1_000, 2_000, 5_000, 10_000, 30_000];

export class SshPool {
  private readonly slots = new Map<string, Slot>();
  private readonly idleMs: number;
  private readonly backoff: readonly number[];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(options: PoolOptions = {}) {
    this.idleMs = options.idleMs ?? 60_000;
    this.backoff = options.backoffMs ?? DEFAULT_BACKOFF;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = options.now ?? Date.now;
  }

  /** Runs fn with a live session for key; one retry on a fresh connection if the pooled one had died. */
  async with<T>(
    key: string,
    connect: () => Promise<SshSession>,
    fn: (session: SshSession) => Promise<T>,
  ): Promise<T> {
    const slot = this.slots.get(key) ?? { users: 0, failures: 0, lastFailureAt: 0 };
    this.slots.set(key, slot);
    slot.users++;
    clearTimeout(slot.idleTimer);
    try {
      const reused = slot.session?.alive === true;
      const session = await this.acquire(key, slot, connect);
      try {
        return await fn(session);
      } catch (e) {
        // A pooled connection can die between uses (server rebooted, NAT timeout): retry once.
        if (reused && !session.alive) return await fn(await this.acquire(key, slot, connect));
        throw e;
      }
    } finally {
      slot.users--;
      if (slot.users === 0) {
        slot.idleTimer = setTimeout(() => this.drop(key), this.idleMs);
        slot.idleTimer.unref();
      }
    }
  }

  /** How long the next attempt for key would wait (0 when it may go at once). */
  waitBeforeNextAttempt(key: string): number {
    const slot = this.slots.get(key);
    if (!slot || slot.failures === 0) return 0;
    const delay = this.backoff[Math.min(slot.failures, this.backoff.length) - 1] ?? 0;
    return Math.max(0, slot.lastFailureAt + delay - this.now());
  }

  private async acquire(
    key: string,
    slot: Slot,
    connect: () => Promise<SshSession>,
  ): Promise<SshSession> {
    if (slot.session?.alive) return slot.session;
    slot.session = undefined;
    slot.connecting ??= (async () => {
      const wait = this.waitBeforeNextAttempt(key);
      if (wait > 0) await this.sleep(wait);
      try {
        const session = await connect();
        slot.failures = 0;
        return session;
      } catch (e) {
        slot.failures++;
        slot.lastFailureAt = this.now();
        throw e;
      } finally {
        slot.connecting = undefined;
      }
    })();
    const session = await slot.connecting;
    slot.session = session;
    return session;
  }

  /** Closes the connection for key and forgets its failures (settings changed, a key re-pinned, an explicit test). */
  drop(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    clearTimeout(slot.idleTimer);
    slot.session?.close();
    this.slots.delete(key);
  }

  closeAll(): void {
    for (const key of [...this.slots.keys()]) this.drop(key);
  }
}
