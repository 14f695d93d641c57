// Follows the logs of every managed server that may be followed, in the one process that holds
// the tail lease (the desktop app and `mxwarden serve` may run at once over one store; both
// following would only waste connections — the positions' compare-and-set already keeps their
// counts exact). A server is followed once it has been reached (a connection test or an
// inspection), unless the admin turned it off; inventory changes start and stop tailers.
// Runtime: Node.

import crypto from 'node:crypto';
import os from 'node:os';
import type { TailStatus } from '../../app/types/stats';
import type { LogSourcesRepo } from '../../store/log-sources-repo';
import type { ServerRow, ServersRepo } from '../../store/servers-repo';
import type { StatsWriter } from '../../store/stats-writer';
import type { ServersService } from '../servers-service';
import type { FileTailOptions } from './file-tail';
import { ServerTailer, TAIL_STREAM } from './server-tailer';

export interface TailManagerDeps {
  serversRepo: ServersRepo;
  servers: ServersService;
  sources: LogSourcesRepo;
  writer: StatsWriter;
  now: () => number;
  status: (s: TailStatus) => void;
  committed: (sourceId: number) => void;
  log: (message: string, e?: unknown) => void;
  fileOptions?: FileTailOptions;
  leaseRenewMs?: number;
  leaseExpireMs?: number;
}

/** Connection problems the admin must solve first: retrying on our own would not help. */
const NEEDS_ADMIN = new Set([
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
  'HOST_KEY_REVOKED',
  'AUTH_FAILED',
  'PASSPHRASE_REQUIRED',
]);

export class TailManager {
  private readonly tailers = new Map<number, ServerTailer>();
  private readonly idle = new Map<number, TailStatus>();
  private readonly owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  private holding = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(private readonly deps: TailManagerDeps) {}

  start(): void {
    this.renew();
    this.timer = setInterval(() => this.renew(), this.deps.leaseRenewMs ?? 5000);
    this.timer.unref();
  }

  private renew(): void {
    if (this.closed) return;
    let held: boolean;
    try {
      held = this.deps.sources.acquireLease(
        this.owner,
        this.deps.now(),
        this.deps.leaseExpireMs ?? 20_000,
      );
    } catch (e) {
      this.deps.log('tail lease', e);
      return;
    }
    if (held !== this.holding) {
      this.holding = held;
      if (!held) void this.stopAll();
    }
    this.sync();
  }

  /** Starts and stops tailers to match the inventory (call after servers change). */
  sync(): void {
    if (this.closed) return;
    const rows = this.deps.serversRepo.all();
    const ids = new Set(rows.map((r) => r.id));
    for (const [id, t] of this.tailers) {
      if (!ids.has(id)) {
        this.tailers.delete(id);
        void t.stop();
      }
    }
    for (const id of this.idle.keys()) if (!ids.has(id)) this.idle.delete(id);
    for (const row of rows) {
      const reason = this.holding ? this.whyNot(row) : undefined;
      const running = this.tailers.get(row.id);
      if (this.holding && reason === undefined) {
        if (running && this.changed(running, row)) {
          this.tailers.delete(row.id);
          void running.stop();
        } else if (running) continue;
        this.idle.delete(row.id);
        const tailer = new ServerTailer({
          row,
          servers: this.deps.servers,
          serversRepo: this.deps.serversRepo,
          sources: this.deps.sources,
          writer: this.deps.writer,
          now: this.deps.now,
          status: (s) => this.deps.status(s),
          committed: this.deps.committed,
          log: this.deps.log,
          ...(this.deps.fileOptions ? { fileOptions: this.deps.fileOptions } : {}),
        });
        this.tailers.set(row.id, tailer);
        tailer.start();
        continue;
      }
      if (running) {
        this.tailers.delete(row.id);
        void running.stop();
      }
      this.setIdle(row, reason);
    }
  }

  /** The server's connection settings changed since its tailer started. */
  private changed(t: ServerTailer, row: ServerRow): boolean {
    const a = t.row;
    return (
      a.name !== row.name ||
      a.host !== row.host ||
      a.port !== row.port ||
      a.username !== row.username ||
      a.identityFile !== row.identityFile
    );
  }

  /** Why a server is not followed now; undefined when it should be. */
  private whyNot(row: ServerRow): { state: TailStatus['state']; message: string } | undefined {
    if (!this.deps.sources.tailEnabled(row.id))
      return { state: 'disabled', message: 'Following this log is turned off.' };
    const status = this.deps.serversRepo.status(row.id);
    if (!status)
      return {
        state: 'waiting',
        message: 'Test the connection on the Servers page first; the log is followed from then on.',
      };
    if (!status.ok && status.code && NEEDS_ADMIN.has(status.code))
      return {
        state: 'waiting',
        message: `The last connection failed (${status.message ?? status.code}); fix it on the Servers page.`,
      };
    return undefined;
  }

  private setIdle(
    row: ServerRow,
    why: { state: TailStatus['state']; message: string } | undefined,
  ): void {
    const source = this.deps.sources.all().find((s) => s.serverId === row.id);
    const position = source ? this.deps.sources.position(source.id, TAIL_STREAM) : undefined;
    const status: TailStatus = {
      serverId: row.id,
      name: row.name,
      state: why?.state ?? 'waiting',
      ...(why ? { message: why.message } : {}),
      lines: position?.lines ?? 0,
      lastLineTime: position?.lastTime ?? null,
      ...(this.holding
        ? {}
        : { elsewhere: true, message: 'Another mxwarden process follows the logs.' }),
      since: this.idle.get(row.id)?.since ?? this.deps.now(),
    };
    const before = this.idle.get(row.id);
    this.idle.set(row.id, status);
    if (!before || before.state !== status.state || before.message !== status.message)
      this.deps.status(status);
  }

  statuses(): TailStatus[] {
    const out: TailStatus[] = [];
    for (const row of this.deps.serversRepo.all()) {
      const s = this.tailers.get(row.id)?.status ?? this.idle.get(row.id);
      if (s) out.push(s);
    }
    return out;
  }

  /** Restarts a server's tailer (after its settings changed, or the admin asked). */
  restart(serverId: number): void {
    const t = this.tailers.get(serverId);
    if (t) {
      this.tailers.delete(serverId);
      void t.stop();
    }
    this.sync();
  }

  private async stopAll(): Promise<void> {
    const all = [...this.tailers.values()];
    this.tailers.clear();
    await Promise.all(all.map((t) => t.stop()));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.stopAll();
    try {
      this.deps.sources.releaseLease(this.owner);
    } catch {
      /* the store may be closing */
    }
  }
}
