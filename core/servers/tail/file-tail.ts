// Following a server's log file over one SSH connection, like `tail -F` but resumable: the
// generations the resume plan names are read in order (rotated ones whole — compressed ones
// through their decompressor — the live one followed by polling its open SFTP handle). When the
// live path stops being the file we hold (renamed by logrotate or `postfix logrotate`, or
// truncated by copytruncate), the old file is read to its end first, then the family is listed
// and planned again from the committed position. Every chunk of lines is committed with the
// position after it. Runtime: Node.

import { AppError } from '../../app/result';
import type { IngestSession } from '../../stats/ingest-session';
import type { RemoteFile, SshSession } from '../ssh/session';
import { FIRST_BYTES, fingerprintOf, listLogFamily, type LogFile } from './log-family';
import { LineBuffer } from './line-buffer';
import { sleep } from './sleep';
import { planResume, positionOf, type FilePosition, type PlanStep } from './resume-plan';

export interface FileTailHooks {
  /** The ingest session for this run (the caller made it from the stored position). */
  session: IngestSession;
  /** Lines were committed; `following`: at the end of the live log (not catching up). */
  committed(info: { lines: number; lastTime: number | undefined; following: boolean }): void;
  progress(p: {
    file: string;
    fileIndex: number;
    files: number;
    bytesDone: number;
    bytesTotal?: number;
  }): void;
  following(log: string): void;
  warn(message: string): void;
  /** The server's zone, learnt from its clock, for lines without one. */
  zone(utcOffsetMinutes: number): void;
  signal: AbortSignal;
}

export interface FileTailOptions {
  pollMs?: number;
  /** How long the old file must stay unchanged after a rotation before it is left. */
  drainIdleMs?: number;
  readBytes?: number;
}

const DECOMPRESS = String.raw`
case "$1" in
  *.gz) gzip -dc -- "$1" ;;
  *.bz2) bzip2 -dc -- "$1" ;;
  *.xz) xz -dc -- "$1" ;;
  *.zst) zstd -dc -- "$1" ;;
  *) cat -- "$1" ;;
esac | tail -c +"$(($2 + 1))"
`;

function readError(e: unknown, path: string, server: string): unknown {
  if (e instanceof AppError && e.code === 'PERMISSION_DENIED')
    return new AppError(
      'PERMISSION_DENIED',
      `The SSH user may not read ${path} on ${server}. Connect as a user who can (root), or make the log readable to this one: a syslog file through the adm group (usermod -aG adm USER), Postfix's own maillog_file with maillog_file_permissions = 0640 (Postfix 3.9 and later) and that group.`,
      { path },
    );
  return e;
}

export class FileTail {
  private position: FilePosition | undefined;
  private readonly pollMs: number;
  private readonly drainIdleMs: number;
  private readonly readBytes: number;

  constructor(
    private readonly ssh: SshSession,
    private readonly livePath: string,
    stored: FilePosition | undefined,
    private readonly hooks: FileTailHooks,
    options: FileTailOptions = {},
  ) {
    this.position = stored;
    this.pollMs = options.pollMs ?? 200;
    this.drainIdleMs = options.drainIdleMs ?? 1000;
    this.readBytes = options.readBytes ?? 4 << 20;
  }

  /** Runs until the signal aborts or something fails (the caller reconnects and runs again). */
  async run(): Promise<void> {
    const { signal } = this.hooks;
    while (!signal.aborted) {
      const family = await listLogFamily(this.ssh, this.livePath);
      this.hooks.zone(family.utcOffsetMinutes);
      const plan = planResume(this.position, family.files);
      if (plan.gap) this.hooks.warn(plan.gap);
      if (plan.steps.length === 0) {
        this.hooks.warn(
          `${this.livePath} does not exist yet on ${this.ssh.server}; waiting for it.`,
        );
        await sleep(5000, signal);
        continue;
      }
      await this.runPlan(plan.steps);
    }
  }

  private async runPlan(steps: PlanStep[]): Promise<void> {
    for (const [i, step] of steps.entries()) {
      if (this.hooks.signal.aborted) return;
      const progress = (bytesDone: number) =>
        this.hooks.progress({
          file: step.file.path,
          fileIndex: i,
          files: steps.length,
          bytesDone,
          ...(step.file.compressed ? {} : { bytesTotal: step.file.size }),
        });
      // The generation right before the live one may still be written to for a moment.
      const recent =
        !step.file.live && i === steps.length - 2 && Date.now() - step.file.mtimeMs < 60_000;
      // A file continued where the last run stopped keeps the year its lines were read in.
      if (i > 0 || step.from === 0)
        this.hooks.session.nextFile(step.file.live ? {} : { referenceTime: step.file.mtimeMs });
      if (step.file.compressed) await this.readCompressed(step, progress);
      else {
        const done = await this.readPlain(
          step,
          progress,
          step.file.live ? 'follow' : recent ? 'drain' : 'whole',
        );
        if (done === 'replan') return;
      }
    }
  }

  private commit(file: LogFile, offset: number, following: boolean): void {
    this.position = positionOf(file, this.livePath, offset);
    const r = this.hooks.session.commit(this.position);
    this.hooks.committed({ lines: r.lines, lastTime: r.lastTime, following });
  }

  private async readCompressed(step: PlanStep, progress: (n: number) => void): Promise<void> {
    const lines = new LineBuffer();
    let offset = step.from;
    let sinceCommit = 0;
    let failed: unknown;
    const stream = this.ssh.stream(
      ['sh', '-c', DECOMPRESS, 'mxwarden-log-read', step.file.path, String(step.from)],
      (chunk) => {
        if (failed) return;
        try {
          const { text, bytes } = lines.push(chunk);
          if (!bytes) return;
          this.hooks.session.addText(text);
          offset += bytes;
          sinceCommit += bytes;
          if (sinceCommit >= this.readBytes) {
            this.commit(step.file, offset, false);
            sinceCommit = 0;
            progress(offset);
          }
        } catch (e) {
          failed = e;
          stream.cancel();
        }
      },
    );
    const abort = () => stream.cancel();
    this.hooks.signal.addEventListener('abort', abort, { once: true });
    try {
      const r = await stream.done;
      if (failed) throw failed;
      if (this.hooks.signal.aborted) return;
      if (r.code !== 0)
        throw new AppError(
          'COMMAND_FAILED',
          `Could not read ${step.file.path} on ${this.ssh.server}: ${r.stderr.trim() || `exit ${r.code}`}`,
        );
    } finally {
      this.hooks.signal.removeEventListener('abort', abort);
    }
    this.commit(step.file, offset, false);
    progress(offset);
  }

  /**
   * Reads a plain file from the step's offset: 'whole' to its end, 'drain' to its end once it
   * has stopped growing, 'follow' (the live log) until it is rotated away.
   */
  private async readPlain(
    step: PlanStep,
    progress: (n: number) => void,
    mode: 'whole' | 'drain' | 'follow',
  ): Promise<'next' | 'replan'> {
    let file: RemoteFile;
    try {
      file = await this.ssh.openRead(step.file.path);
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return 'replan'; // renamed meanwhile
      throw readError(e, step.file.path, this.ssh.server);
    }
    try {
      let identity = step.file;
      // The path may name another file than the one listed (a rotation in between).
      const head = await file.read(0, FIRST_BYTES);
      const fingerprint = fingerprintOf(head);
      if (step.file.fingerprint !== '' && fingerprint !== step.file.fingerprint) return 'replan';
      if (identity.fingerprint === '' && fingerprint !== '')
        identity = { ...identity, fingerprint };
      const lines = new LineBuffer();
      let offset = step.from;
      let lastGrowth = Date.now();
      let lastCheck = Date.now();
      let announced = false;
      for (;;) {
        if (this.hooks.signal.aborted) return 'next';
        const st = await file.stat();
        if (st.size < offset) {
          // Truncated in place (copytruncate): what was not read is in the copy.
          return 'replan';
        }
        if (st.size > offset + lines.pendingBytes) {
          const want = Math.min(this.readBytes, st.size - offset - lines.pendingBytes);
          const chunk = await file.read(offset + lines.pendingBytes, want);
          const { text, bytes } = lines.push(chunk);
          if (bytes > 0) {
            // A file that was empty when listed gets its identity from its first line.
            if (identity.fingerprint === '')
              identity = {
                ...identity,
                fingerprint: fingerprintOf(await file.read(0, FIRST_BYTES)),
              };
            this.hooks.session.addText(text);
            offset += bytes;
            const atEnd = offset + lines.pendingBytes >= st.size;
            this.commit(identity, offset, mode === 'follow' && atEnd);
            if (!atEnd || !announced) progress(offset);
          }
          lastGrowth = Date.now();
          continue;
        }
        // At the end of what is there.
        if (mode === 'whole') return 'next';
        if (mode === 'drain') {
          if (Date.now() - lastGrowth >= this.drainIdleMs) return 'next';
          await sleep(this.pollMs, this.hooks.signal);
          continue;
        }
        if (!announced) {
          announced = true;
          this.hooks.following(this.livePath);
        }
        if (Date.now() - lastCheck >= 1000) {
          lastCheck = Date.now();
          if (await this.replaced(file, identity.inode)) {
            // Rotated: read what is left in the old file, once it has gone quiet, then re-plan.
            if (Date.now() - lastGrowth >= this.drainIdleMs) return 'replan';
          }
        }
        await sleep(this.pollMs, this.hooks.signal);
      }
    } finally {
      await file.close();
    }
  }

  /** Is the live path another file than the one held open? */
  private async replaced(held: RemoteFile, inode: number): Promise<boolean> {
    const [mine, now] = await Promise.all([held.stat(), this.ssh.statPath(this.livePath)]);
    if (!now) return true;
    if (now.size === mine.size && now.mtime === mine.mtime) return false;
    // Sizes or times differ: the path names another file, or ours just grew. Ask for inodes.
    const family = await listLogFamily(this.ssh, this.livePath);
    const live = family.files.find((f) => f.live);
    return !live || live.inode !== inode;
  }
}
