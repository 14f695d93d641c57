// Reuses one SSH connection per server, reconnects when it dropped, and closes idle ones.
// Concurrent callers share a connection attempt. Runtime: Node.

import type { SshSession } from './session';

export interface PoolOptions {
  idleMs?: number;
}

interface Slot {
  session?: SshSession;
  connecting?: Promise<SshSession>;
  idleTimer?: ReturnType<typeof setTimeout>;
  users: number;
}

export class SshPool {
  private readonly slots = new Map<string, Slot>();
  private readonly idleMs: number;

  constructor(options: PoolOptions = {}) {
    this.idleMs = options.idleMs ?? 60_000;
  }

  /** Runs fn with a live session for key; one retry on a fresh connection if the pooled one had died. */
  async with<T>(
    key: string,
    connect: () => Promise<SshSession>,
    fn: (session: SshSession) => Promise<T>,
  ): Promise<T> {
    const slot = this.slots.get(key) ?? { users: 0 };
    this.slots.set(key, slot);
    slot.users++;
    clearTimeout(slot.idleTimer);
    try {
      const reused = slot.session?.alive === true;
      const session = await this.acquire(slot, connect);
      try {
        return await fn(session);
      } catch (e) {
        // A pooled connection can die between uses (server rebooted, NAT timeout): retry once.
        if (reused && !session.alive) return await fn(await this.acquire(slot, connect));
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

  private async acquire(slot: Slot, connect: () => Promise<SshSession>): Promise<SshSession> {
    if (slot.session?.alive) return slot.session;
    slot.session = undefined;
    slot.connecting ??= connect().finally(() => {
      slot.connecting = undefined;
    });
    const session = await slot.connecting;
    slot.session = session;
    return session;
  }

  /** Closes the connection for key (after settings changed, or a host key was re-pinned). */
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
