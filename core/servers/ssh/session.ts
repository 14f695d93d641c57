// One live SSH connection to a managed server: commands from fixed argv (quoted, optionally
// through `sudo -n`), files over SFTP, and no call that can hang once the connection is gone.
// Runtime: Node (ssh2).

import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import { AppError } from '../../app/result';
import type { SshConnection } from './connect';
import type { HostKey } from './host-key';
import { quoteArgv } from './shell-quote';

export interface ExecOptions {
  /** Run through `sudo -n --` unless the session is root. */
  privileged?: boolean;
  timeoutMs?: number;
  stdin?: string | Buffer;
  /** Exit codes that are not failures (default: any; callers check `code`). */
}

export interface ExecResult {
  argv: readonly string[];
  code: number | null;
  signal: string | undefined;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export type PrivilegeMode = 'root' | 'sudo' | 'none';

/** A file opened for reading over SFTP: it stays the same file if it is renamed or deleted. */
export interface RemoteFile {
  /** Up to `length` bytes from `position` (fewer at the end of the file). */
  read(position: number, length: number): Promise<Buffer>;
  /** The open file's size and modification time (seconds), as it is now. */
  stat(): Promise<{ size: number; mtime: number }>;
  close(): Promise<void>;
}

/** A command whose output arrives as it is written (a log being decompressed, a journal). */
export interface ExecStream {
  /** Resolves with the exit code (null when killed by a signal) once the channel closes. */
  done: Promise<{ code: number | null; stderr: string }>;
  /** Stops the command. */
  cancel(): void;
}

/** A command left running on the server (a lock holder): fed and ended by the caller. */
export interface RunningCommand {
  write(data: string): void;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when something new was printed, or it exited. */
  changed(): Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: string | undefined }>;
  /** Ends its input (it then exits on its own) and closes the channel. */
  close(): void;
}

const MAX_OUTPUT = 64 * 1024 * 1024;

export class SshSession {
  private open = true;
  private readonly pending = new Set<(e: AppError) => void>();
  private sftpPromise: Promise<SFTPWrapper> | undefined;
  /** Set by privilege detection; decides how `privileged` commands run. */
  privilege: PrivilegeMode = 'none';
  /** Where Postfix's tools are on this server (learnt once per connection). */
  postfixCommandDirectory: string | undefined;

  constructor(
    readonly server: string,
    private readonly connection: SshConnection,
  ) {
    const client = connection.client;
    const dropped = () => {
      if (!this.open) return;
      this.open = false;
      const err = new AppError(
        'UNREACHABLE',
        `The SSH connection to ${server} dropped. Whatever was running may or may not have finished on the server; mxwarden will reconnect on the next request.`,
      );
      for (const reject of this.pending) reject(err);
      this.pending.clear();
    };
    client.on('close', dropped);
    client.on('end', dropped);
    client.on('error', dropped);
  }

  get alive(): boolean {
    return this.open;
  }

  get hostKey(): HostKey {
    return this.connection.hostKey;
  }

  get client(): Client {
    return this.connection.client;
  }

  /** Runs argv on the server. Never through a shell string built from user text. */
  exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (!this.open)
      return Promise.reject(
        new AppError('UNREACHABLE', `The SSH connection to ${this.server} is closed.`),
      );
    const full =
      options.privileged && this.privilege === 'sudo' ? ['sudo', '-n', '--', ...argv] : [...argv];
    const command = quoteArgv(full);
    const started = Date.now();
    const timeoutMs = options.timeoutMs ?? 60_000;

    return new Promise<ExecResult>((resolve, reject) => {
      let stream: ClientChannel | undefined;
      let stdout = '';
      let stderr = '';
      let done = false;
      const finish = (fn: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.pending.delete(onDrop);
        fn();
      };
      const onDrop = (e: AppError) => finish(() => reject(e));
      this.pending.add(onDrop);
      const timer = setTimeout(() => {
        finish(() =>
          reject(
            new AppError(
              'TIMEOUT',
              `\`${argv.join(' ')}\` did not finish on ${this.server} within ${Math.round(timeoutMs / 1000)} s; it was stopped.`,
            ),
          ),
        );
        stream?.signal('KILL');
        stream?.close();
      }, timeoutMs);

      this.connection.client.exec(command, (err, ch) => {
        if (err)
          return finish(() =>
            reject(
              new AppError(
                'UNREACHABLE',
                `${this.server} refused to run a command: ${err.message}`,
              ),
            ),
          );
        stream = ch;
        ch.on('data', (d: Buffer) => {
          if (stdout.length < MAX_OUTPUT) stdout += d.toString('utf8');
        });
        ch.stderr.on('data', (d: Buffer) => {
          if (stderr.length < MAX_OUTPUT) stderr += d.toString('utf8');
        });
        ch.on('close', (code: number | null, signal?: string) =>
          finish(() =>
            resolve({
              argv: full,
              code: code ?? null,
              signal,
              stdout,
              stderr,
              durationMs: Date.now() - started,
            }),
          ),
        );
        if (options.stdin !== undefined) ch.end(options.stdin);
        else ch.end();
      });
    });
  }

  /** Starts argv and returns once it runs; it lives until close() or the connection ends. */
  start(
    argv: readonly string[],
    options: Pick<ExecOptions, 'privileged'> = {},
  ): Promise<RunningCommand> {
    if (!this.open)
      return Promise.reject(
        new AppError('UNREACHABLE', `The SSH connection to ${this.server} is closed.`),
      );
    const full =
      options.privileged && this.privilege === 'sudo' ? ['sudo', '-n', '--', ...argv] : [...argv];
    return new Promise<RunningCommand>((resolve, reject) => {
      this.connection.client.exec(quoteArgv(full), (err, ch) => {
        if (err)
          return reject(
            new AppError('UNREACHABLE', `${this.server} refused to run a command: ${err.message}`),
          );
        let text = '';
        let wake: (() => void) | undefined;
        const poke = () => {
          const w = wake;
          wake = undefined;
          w?.();
        };
        const exited = new Promise<{ code: number | null; signal: string | undefined }>((done) => {
          ch.on('close', (code: number | null, signal?: string) => {
            done({ code: code ?? null, signal });
            poke();
          });
        });
        const take = (d: Buffer) => {
          if (text.length < MAX_OUTPUT) text += d.toString('utf8');
          poke();
        };
        ch.on('data', take);
        ch.stderr.on('data', take);
        resolve({
          write: (data) => void ch.write(data),
          output: () => text,
          changed: () => new Promise<void>((r) => (wake = r)),
          exited,
          close: () => {
            ch.end();
            ch.close();
          },
        });
      });
    });
  }

  /** Like exec, but a non-zero exit is an error carrying the server's own output. */
  async run(argv: readonly string[], options: ExecOptions = {}): Promise<string> {
    const r = await this.exec(argv, options);
    if (r.code !== 0) {
      const output = (r.stderr || r.stdout).trim();
      throw new AppError(
        'COMMAND_FAILED',
        `\`${argv.join(' ')}\` failed on ${this.server} (exit ${r.code ?? r.signal}): ${output || 'no output'}`,
        {
          argv: r.argv,
          code: r.code,
          stderr: r.stderr,
          stdout: r.stdout,
        },
      );
    }
    return r.stdout;
  }

  /**
   * Runs argv and hands its standard output to `onData` as it arrives; `onData` returning a
   * promise pauses the channel until it settles (backpressure). Never through a shell string.
   */
  stream(
    argv: readonly string[],
    onData: (chunk: Buffer) => void | Promise<void>,
    options: { privileged?: boolean } = {},
  ): ExecStream {
    const full =
      options.privileged && this.privilege === 'sudo' ? ['sudo', '-n', '--', ...argv] : [...argv];
    let channel: ClientChannel | undefined;
    let cancelled = false;
    const done = new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      if (!this.open)
        return reject(
          new AppError('UNREACHABLE', `The SSH connection to ${this.server} is closed.`),
        );
      let finished = false;
      let stderr = '';
      const onDrop = (e: AppError) => {
        if (finished) return;
        finished = true;
        reject(e);
      };
      this.pending.add(onDrop);
      this.connection.client.exec(quoteArgv(full), (err, ch) => {
        if (err) {
          this.pending.delete(onDrop);
          finished = true;
          return reject(
            new AppError('UNREACHABLE', `${this.server} refused to run a command: ${err.message}`),
          );
        }
        channel = ch;
        if (cancelled) ch.close();
        ch.on('data', (d: Buffer) => {
          const r = onData(d);
          if (r instanceof Promise) {
            ch.pause();
            void r.then(
              () => ch.resume(),
              (e: unknown) => {
                ch.close();
                if (!finished) {
                  finished = true;
                  this.pending.delete(onDrop);
                  reject(e instanceof Error ? e : new Error(String(e)));
                }
              },
            );
          }
        });
        ch.stderr.on('data', (d: Buffer) => {
          if (stderr.length < 64 * 1024) stderr += d.toString('utf8');
        });
        ch.on('close', (code: number | null) => {
          this.pending.delete(onDrop);
          if (finished) return;
          finished = true;
          resolve({ code: code ?? null, stderr });
        });
        ch.end();
      });
    });
    return {
      done,
      cancel: () => {
        cancelled = true;
        channel?.signal('KILL');
        channel?.close();
      },
    };
  }

  /** Opens a file for reading; NOT_FOUND when it does not exist, PERMISSION_DENIED when not ours to read. */
  async openRead(path: string): Promise<RemoteFile> {
    let handle: Buffer;
    try {
      handle = await this.guarded<Buffer>(`open ${path}`, (sftp, cb) => sftp.open(path, 'r', cb));
    } catch (e) {
      if (e instanceof AppError && (e.detail as { sftpCode?: number } | undefined)?.sftpCode === 2)
        throw new AppError('NOT_FOUND', `${path} does not exist on ${this.server}.`, { path });
      throw e;
    }
    return {
      read: (position, length) =>
        this.guarded<Buffer>(`read ${path}`, (sftp, cb) => {
          const buf = Buffer.allocUnsafe(length);
          sftp.read(handle, buf, 0, length, position, (err, n) =>
            cb(err, err ? undefined : buf.subarray(0, n)),
          );
        }).catch((e: unknown) => {
          // Reading at or past the end is not an error: there is nothing yet.
          if (
            e instanceof AppError &&
            (e.detail as { sftpCode?: number } | undefined)?.sftpCode === 1
          )
            return Buffer.alloc(0);
          throw e;
        }),
      stat: () =>
        this.guarded<{ size: number; mtime: number }>(`stat ${path}`, (sftp, cb) =>
          sftp.fstat(handle, (err, st) =>
            cb(err, err ? undefined : { size: st.size, mtime: st.mtime }),
          ),
        ),
      close: () =>
        this.open
          ? this.guarded<void>(`close ${path}`, (sftp, cb) =>
              sftp.close(handle, (err) => cb(err)),
            ).catch(() => undefined)
          : Promise.resolve(),
    };
  }

  /** Size and modification time (seconds) of a path; undefined when it does not exist. */
  async statPath(path: string): Promise<{ size: number; mtime: number } | undefined> {
    try {
      return await this.guarded<{ size: number; mtime: number }>(`stat ${path}`, (sftp, cb) =>
        sftp.stat(path, (err, st) => cb(err, err ? undefined : { size: st.size, mtime: st.mtime })),
      );
    } catch (e) {
      if (e instanceof AppError && (e.detail as { sftpCode?: number } | undefined)?.sftpCode === 2)
        return undefined;
      throw e;
    }
  }

  private sftp(): Promise<SFTPWrapper> {
    this.sftpPromise ??= new Promise<SFTPWrapper>((resolve, reject) => {
      this.connection.client.sftp((err, sftp) => {
        if (err) {
          this.sftpPromise = undefined;
          reject(
            new AppError(
              'UNREACHABLE',
              `${this.server} offers no SFTP subsystem: ${err.message}. Enable "Subsystem sftp" in its sshd_config.`,
            ),
          );
        } else resolve(sftp);
      });
    });
    return this.sftpPromise;
  }

  private guarded<T>(
    what: string,
    op: (sftp: SFTPWrapper, cb: (err: Error | null | undefined, value?: T) => void) => void,
  ): Promise<T> {
    if (!this.open)
      return Promise.reject(
        new AppError('UNREACHABLE', `The SSH connection to ${this.server} is closed.`),
      );
    return this.sftp().then(
      (sftp) =>
        new Promise<T>((resolve, reject) => {
          const onDrop = (e: AppError) => reject(e);
          this.pending.add(onDrop);
          op(sftp, (err, value) => {
            this.pending.delete(onDrop);
            if (err) reject(sftpError(this.server, what, err));
            else resolve(value as T);
          });
        }),
    );
  }

  /** undefined when the file does not exist. */
  async readFile(path: string): Promise<Buffer | undefined> {
    try {
      return await this.guarded<Buffer>(`read ${path}`, (sftp, cb) => sftp.readFile(path, cb));
    } catch (e) {
      if (e instanceof AppError && (e.detail as { sftpCode?: number } | undefined)?.sftpCode === 2)
        return undefined;
      throw e;
    }
  }

  /** File names in a directory; [] when it does not exist. */
  async listDir(path: string): Promise<string[]> {
    try {
      const entries = await this.guarded<{ filename: string }[]>(`list ${path}`, (sftp, cb) =>
        sftp.readdir(path, cb),
      );
      return entries.map((e) => e.filename).sort();
    } catch (e) {
      if (e instanceof AppError && (e.detail as { sftpCode?: number } | undefined)?.sftpCode === 2)
        return [];
      throw e;
    }
  }

  /** Size and mode of a file; undefined when it does not exist. */
  async stat(path: string): Promise<{ size: number; mode: number } | undefined> {
    try {
      const st = await this.guarded<{ size: number; mode: number }>(`stat ${path}`, (sftp, cb) =>
        sftp.stat(path, (err, stats) => cb(err, stats && { size: stats.size, mode: stats.mode })),
      );
      return st;
    } catch (e) {
      if (e instanceof AppError && (e.detail as { sftpCode?: number } | undefined)?.sftpCode === 2)
        return undefined;
      throw e;
    }
  }

  /** Bytes of a file from an offset (for reading a log's new lines); '' past its end. */
  async readFrom(path: string, offset: number, max = 4 * 1024 * 1024): Promise<Buffer> {
    const handle = await this.guarded<Buffer>(`open ${path}`, (sftp, cb) =>
      sftp.open(path, 'r', (err, h) => cb(err, h)),
    );
    try {
      const out: Buffer[] = [];
      let at = offset;
      let total = 0;
      for (;;) {
        const want = Math.min(64 * 1024, max - total);
        if (want <= 0) break;
        const chunk = await this.guarded<Buffer>(`read ${path}`, (sftp, cb) => {
          const buf = Buffer.alloc(want);
          sftp.read(handle, buf, 0, want, at, (err, n) =>
            err && (err as { code?: number }).code === 1
              ? cb(null, Buffer.alloc(0))
              : cb(err, buf.subarray(0, n ?? 0)),
          );
        });
        if (chunk.length === 0) break;
        out.push(chunk);
        at += chunk.length;
        total += chunk.length;
      }
      return Buffer.concat(out);
    } finally {
      await this.guarded<void>(`close ${path}`, (sftp, cb) =>
        sftp.close(handle, (err) => cb(err)),
      ).catch(() => undefined);
    }
  }

  writeFile(path: string, data: string | Buffer, mode = 0o644): Promise<void> {
    return this.guarded<void>(`write ${path}`, (sftp, cb) =>
      sftp.writeFile(path, data, { mode }, (err) => cb(err)),
    );
  }

  close(): void {
    this.open = false;
    this.connection.client.end();
    for (const c of this.connection.via) c.end();
  }
}

function sftpError(server: string, what: string, err: Error & { code?: number }): AppError {
  const reason =
    err.code === 3
      ? 'permission denied'
      : err.code === 2
        ? 'no such file'
        : err.code === 4 && what.startsWith('write')
          ? // sftp-server reports ENOSPC, EDQUOT and EROFS all as a bare "Failure".
            'the server refused the write — is its disk full, a quota reached, or the file system read-only?'
          : err.message;
  return new AppError(
    err.code === 3 ? 'PERMISSION_DENIED' : 'COMMAND_FAILED',
    `Could not ${what} on ${server}: ${reason}${/[.?!]$/.test(reason) ? '' : '.'}`,
    { sftpCode: err.code },
  );
}
