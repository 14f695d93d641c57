// One managed server's log, followed for as long as the app runs: connect (the servers'
// SSH pool: host keys, agent, ProxyJump), find the log (the inspection's answer, or ask the
// server), resume from the stored position, and after any failure — a dropped connection, a
// server rebooting, a permission problem — say what happened and try again, waiting longer each
// time. Runtime: Node.

import type { TailState, TailStatus } from '../../app/types/stats';
import { AppError, toApiError } from '../../app/result';
import { IngestSession, PositionConflict, type SessionState } from '../../stats/ingest-session';
import type { LogSourcesRepo } from '../../store/log-sources-repo';
import type { ServerRow, ServersRepo } from '../../store/servers-repo';
import type { StatsWriter } from '../../store/stats-writer';
import { findMailLog } from '../mail-log';
import type { ServersService } from '../servers-service';
import { postfixCommandDirectory } from '../ssh/privilege';
import type { SshSession } from '../ssh/session';
import { FileTail, type FileTailOptions } from './file-tail';
import { JournalTail } from './journal-tail';
import type { FilePosition } from './resume-plan';
import { sleep } from './sleep';

export interface ServerTailerDeps {
  row: ServerRow;
  servers: ServersService;
  serversRepo: ServersRepo;
  sources: LogSourcesRepo;
  writer: StatsWriter;
  now: () => number;
  status: (s: TailStatus) => void;
  committed: (sourceId: number) => void;
  log: (message: string, e?: unknown) => void;
  fileOptions?: FileTailOptions;
  /** Waits between failed attempts (the last repeats). */
  backoffMs?: readonly number[];
}

export const TAIL_STREAM = 'tail';
const BACKOFF = [1000, 2000, 5000, 10_000, 30_000, 60_000];

/** Greylisting networks from postgrey's options (--lookup-by-host, --ipv4cidr, --ipv6cidr). */
export function greylistPrefixes(options: readonly string[]): {
  ipv4Prefix: number;
  ipv6Prefix: number;
} {
  let v4 = 24;
  let v6 = 64;
  for (const o of options) {
    if (o === '--lookup-by-host') {
      v4 = 32;
      v6 = 128;
    }
    const m = /^--ipv([46])cidr=(\d+)$/.exec(o);
    if (m) {
      if (m[1] === '4') v4 = Number(m[2]);
      else v6 = Number(m[2]);
    }
  }
  return { ipv4Prefix: v4, ipv6Prefix: v6 };
}

export class ServerTailer {
  private readonly abort = new AbortController();
  private current: TailStatus;
  private failures = 0;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: ServerTailerDeps) {
    this.current = {
      serverId: deps.row.id,
      name: deps.row.name,
      state: 'connecting',
      lines: 0,
      lastLineTime: null,
      since: deps.now(),
    };
  }

  get row(): ServerRow {
    return this.deps.row;
  }

  get status(): TailStatus {
    return this.current;
  }

  private set(patch: Partial<TailStatus> & { state?: TailState }): void {
    const next: TailStatus = { ...this.current, ...patch };
    if (patch.state && patch.state !== this.current.state) next.since = this.deps.now();
    if (patch.state && patch.state !== 'backfilling') delete next.backfill;
    if (patch.state === 'following' || patch.state === 'backfilling') delete next.message;
    const same =
      JSON.stringify({ ...this.current, since: 0 }) === JSON.stringify({ ...next, since: 0 });
    this.current = next;
    if (!same) this.deps.status(next);
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        this.set({ state: 'connecting' });
        await this.deps.servers.withSession(this.deps.row, (ssh) => this.follow(ssh));
        if (signal.aborted) return;
        this.failures = 0;
      } catch (e) {
        if (signal.aborted) return;
        if (e instanceof PositionConflict) {
          // Another process wrote these lines: read the stored position again.
          await sleep(500, signal);
          continue;
        }
        const err = toApiError(e);
        if (err.code === 'INTERNAL') this.deps.log(`log tail of ${this.deps.row.name} failed`, e);
        const backoff = this.deps.backoffMs ?? BACKOFF;
        const wait = backoff[Math.min(this.failures, backoff.length - 1)] ?? 60_000;
        this.failures++;
        this.set({
          state: 'retrying',
          message: `${err.message} Trying again in ${Math.round(wait / 1000)} s.`,
        });
        await sleep(wait, signal);
      }
    }
  }

  private async follow(ssh: SshSession): Promise<void> {
    const { row, sources, serversRepo, now } = this.deps;
    const signal = this.abort.signal;
    const inspection = serversRepo.lastInspection(row.id);
    let log = inspection?.log;
    if (!log || log.kind === 'unknown') {
      const dir = await postfixCommandDirectory(ssh);
      const maillog = await ssh.exec([`${dir}/postconf`, '-h', 'maillog_file']);
      log = await findMailLog(ssh, maillog.code === 0 ? maillog.stdout : undefined);
    }
    if (log.kind === 'unknown')
      throw new AppError(
        'NOT_FOUND',
        `No mail log found on ${row.name} (no maillog_file, /var/log/mail.log, /var/log/maillog or journalctl).`,
      );
    const source = sources.forServer(row.id, row.name, now());
    const stored = sources.position(source.id, TAIL_STREAM);
    const session = new IngestSession({
      writer: this.deps.writer,
      sourceId: source.id,
      stream: TAIL_STREAM,
      revision: stored?.revision ?? null,
      state: (stored?.state as SessionState | null | undefined) ?? null,
      parse: {},
      aggregator: greylistPrefixes(inspection?.postgrey.options ?? []),
      now,
    });
    let lines = stored?.lines ?? 0;
    this.set({ lines, lastLineTime: stored?.lastTime ?? null });
    const hooks = {
      session,
      signal,
      committed: (c: { lines: number; lastTime: number | undefined; following: boolean }) => {
        lines += c.lines;
        this.set({
          lines,
          ...(c.lastTime !== undefined ? { lastLineTime: c.lastTime } : {}),
          ...(c.following && this.current.state !== 'following'
            ? { state: 'following' as const }
            : {}),
        });
        // Only a tail that reached the end of the log has recovered; backfilling again and
        // failing at the same place must keep backing off.
        if (c.following) this.failures = 0;
        this.deps.committed(source.id);
      },
      progress: (p: {
        file: string;
        fileIndex: number;
        files: number;
        bytesDone: number;
        bytesTotal?: number;
      }) => {
        if (this.current.state === 'following' && p.fileIndex === p.files - 1) return;
        this.set({
          state: 'backfilling',
          backfill: {
            file: p.file,
            bytesDone: p.bytesDone,
            bytesTotal: p.bytesTotal ?? 0,
          },
        });
      },
      following: (path: string) => {
        this.failures = 0;
        this.set({ state: 'following', log: path });
      },
      warn: (message: string) => {
        this.deps.log(`${row.name}: ${message}`);
        this.set({ message });
      },
      zone: (utcOffsetMinutes: number) => session.setParseOptions({ utcOffset: utcOffsetMinutes }),
    };
    if (log.kind === 'journald') {
      this.set({ log: 'journald' });
      await new JournalTail(ssh, stored?.position, hooks).run();
      return;
    }
    const path = log.path as string;
    this.set({ log: path });
    await new FileTail(
      ssh,
      path,
      stored?.position as FilePosition | undefined,
      hooks,
      this.deps.fileOptions,
    ).run();
  }
}
