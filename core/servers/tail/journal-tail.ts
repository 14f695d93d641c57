// Following a server's mail log in the systemd journal: `journalctl --follow --output=json` for
// the mail facility, after the stored cursor (or from the journal's start: the backfill). Each
// entry becomes the line syslog would have written (an RFC 3339 stamp, host, tag[pid]) for the
// same parsers, and the cursor of the last entry of each batch is committed with it.
// Runtime: Node.

import { AppError } from '../../app/result';
import type { IngestSession } from '../../stats/ingest-session';
import type { SshSession } from '../ssh/session';
import { LineBuffer } from './line-buffer';

export interface JournalPosition {
  kind: 'journald';
  cursor: string;
}

export interface JournalHooks {
  session: IngestSession;
  committed(info: { lines: number; lastTime: number | undefined; following: boolean }): void;
  following(log: string): void;
  signal: AbortSignal;
}

interface Entry {
  __CURSOR?: string;
  __REALTIME_TIMESTAMP?: string;
  _HOSTNAME?: string;
  SYSLOG_IDENTIFIER?: string;
  SYSLOG_PID?: string;
  _PID?: string;
  MESSAGE?: string | number[] | null;
}

/** The syslog line of a journal entry (exported for tests); undefined for entries without text. */
export function journalLine(e: Entry): string | undefined {
  let message = e.MESSAGE;
  if (Array.isArray(message)) message = Buffer.from(message).toString('utf8');
  if (typeof message !== 'string') return undefined;
  const us = Number(e.__REALTIME_TIMESTAMP);
  const stamp = Number.isFinite(us) ? new Date(Math.floor(us / 1000)).toISOString() : undefined;
  const pid = e.SYSLOG_PID ?? e._PID;
  const tag = `${e.SYSLOG_IDENTIFIER ?? 'unknown'}${pid ? `[${pid}]` : ''}`;
  // One entry is one line: embedded newlines would split it.
  const text = message.replace(/\r?\n/g, ' ');
  return `${stamp ?? ''} ${e._HOSTNAME ?? '-'} ${tag}: ${text}`.trimStart();
}

const COMMIT_MS = 150;
const COMMIT_ENTRIES = 5000;

export class JournalTail {
  private cursor: string | undefined;

  constructor(
    private readonly ssh: SshSession,
    stored: unknown,
    private readonly hooks: JournalHooks,
  ) {
    const p = stored as Partial<JournalPosition> | undefined;
    this.cursor = p?.kind === 'journald' && typeof p.cursor === 'string' ? p.cursor : undefined;
  }

  async run(): Promise<void> {
    const argv = [
      'journalctl',
      '--output=json',
      '--follow',
      '--no-pager',
      ...(this.cursor ? [`--after-cursor=${this.cursor}`] : ['--no-tail']),
      'SYSLOG_FACILITY=2',
    ];
    const buffer = new LineBuffer();
    let pending: string[] = [];
    let lastCursor = this.cursor;
    let firstPendingAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let announced = false;
    let failed: unknown;
    const commit = () => {
      clearTimeout(timer);
      timer = undefined;
      if (pending.length === 0 || lastCursor === undefined) return;
      this.hooks.session.addLines(pending);
      pending = [];
      const r = this.hooks.session.commit({ kind: 'journald', cursor: lastCursor });
      this.cursor = lastCursor;
      const following = r.lastTime !== undefined && Date.now() - r.lastTime < 10_000;
      if (following && !announced) {
        announced = true;
        this.hooks.following('journald');
      }
      this.hooks.committed({ lines: r.lines, lastTime: r.lastTime, following });
    };
    const stream = this.ssh.stream(argv, (chunk) => {
      if (failed) return;
      try {
        const { text } = buffer.push(chunk);
        if (!text) return;
        for (const json of text.split('\n')) {
          if (!json) continue;
          let entry: Entry;
          try {
            entry = JSON.parse(json) as Entry;
          } catch {
            continue;
          }
          const line = journalLine(entry);
          if (entry.__CURSOR) lastCursor = entry.__CURSOR;
          if (line === undefined) continue;
          if (pending.length === 0) firstPendingAt = Date.now();
          pending.push(line);
        }
        if (pending.length >= COMMIT_ENTRIES || Date.now() - firstPendingAt >= COMMIT_MS) commit();
        else
          timer ??= setTimeout(() => {
            try {
              commit();
            } catch (e) {
              failed = e;
              stream.cancel();
            }
          }, COMMIT_MS);
      } catch (e) {
        failed = e;
        stream.cancel();
      }
    });
    const abort = () => stream.cancel();
    this.hooks.signal.addEventListener('abort', abort, { once: true });
    try {
      const r = await stream.done;
      clearTimeout(timer);
      if (failed) throw failed;
      if (this.hooks.signal.aborted) return;
      commit();
      const hint = /insufficient permissions|not seeing messages/i.test(r.stderr)
        ? ' Add the SSH user to the systemd-journal (or adm) group so it can read the system journal.'
        : '';
      throw new AppError(
        'COMMAND_FAILED',
        `journalctl stopped on ${this.ssh.server} (exit ${r.code ?? 'signal'}): ${r.stderr.trim() || 'no output'}.${hint}`,
      );
    } finally {
      clearTimeout(timer);
      this.hooks.signal.removeEventListener('abort', abort);
    }
  }
}
