// The server inventory's behaviour: resolving targets through the ssh config, connecting with
// pinned host keys, trust-on-first-use of exactly the key the admin saw, connection tests and
// read-only inspections with progress. Runtime: Node.

import os from 'node:os';
import path from 'node:path';
import type { ApiEvent, AppApiEvents, PassphraseEntry } from '../app/api';
import { AppError, toApiError } from '../app/result';
import type {
  ConnectionTestResult,
  InspectOutcome,
  ResolvedTarget,
  ServerDetail,
  ServerInspection,
  ServerSummary,
} from '../app/types/servers';
import type { SecretStore } from '../secrets/secret-store';
import type { Settings } from '../settings/schema';
import type { ServerRow, ServersRepo } from '../store/servers-repo';
import { importConfig, type ImportResult } from '../targets/postfix/import';
import { profileFromInspection, type TargetProfile } from '../targets/target';
import { readServerConfig } from './config-reader';
import { inspectServer } from './inspect';
import { connectSsh } from './ssh/connect';
import type { HostKey } from './ssh/host-key';
import { changedHostKey, revokedHostKey } from './ssh/host-key-errors';
import { appendKnownHost, checkHostKey, readKnownHosts } from './ssh/known-hosts';
import { SshPool } from './ssh/pool';
import { detectPrivilege } from './ssh/privilege';
import { SshSession } from './ssh/session';
import { listAliases, resolveTarget, type SshTarget } from './ssh/ssh-config';

export interface ServersServiceDeps {
  repo: ServersRepo;
  secrets: SecretStore;
  settings: () => Settings;
  now: () => number;
  emit: <E extends ApiEvent>(event: E, payload: AppApiEvents[E]) => void;
  /** For tests: where ~ is. */
  home?: string;
  /** ssh-agent socket; undefined = $SSH_AUTH_SOCK. */
  agentSocket?: string;
  /** How many servers are inspected at once. */
  concurrency?: number;
}

const passphraseSecret = (keyPath: string) => `ssh-passphrase:${keyPath}`;

export class ServersService {
  private readonly pool = new SshPool();
  /** The key each server presented at its last attempt: what "accept" pins. */
  private readonly presented = new Map<
    number,
    { host: string; port: number; key: HostKey; file: string }
  >();
  /** Passphrases given for this process only (not remembered). */
  private readonly sessionPassphrases = new Map<string, string>();

  constructor(private readonly deps: ServersServiceDeps) {}

  private home(): string {
    return this.deps.home ?? os.homedir();
  }

  sshConfigPath(): string {
    return this.deps.settings().sshConfigPath || path.join(this.home(), '.ssh', 'config');
  }

  knownHostsPath(): string {
    return this.deps.settings().knownHostsPath || path.join(this.home(), '.ssh', 'known_hosts');
  }

  target(row: ServerRow): SshTarget {
    return resolveTarget(
      {
        host: row.host,
        ...(row.port ? { port: row.port } : {}),
        ...(row.username ? { user: row.username } : {}),
        ...(row.identityFile ? { identityFile: row.identityFile } : {}),
      },
      { configPath: this.sshConfigPath(), home: this.home() },
    );
  }

  private resolved(row: ServerRow): ResolvedTarget {
    try {
      const t = this.target(row);
      return {
        ok: true,
        host: t.host,
        port: t.port,
        user: t.user,
        fromConfig: t.fromConfig,
        identityFiles: t.identityFiles,
        ...(t.proxyJump ? { proxyJump: t.proxyJump } : {}),
      };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }

  summary(row: ServerRow): ServerSummary {
    const status = this.deps.repo.status(row.id);
    const last = this.deps.repo.lastInspection(row.id);
    return {
      ...row,
      target: this.resolved(row),
      ...(status ? { status } : {}),
      ...(last
        ? {
            inspection: {
              at: last.at,
              postfixVersion: last.postfix.version,
              postscreen: last.postscreen.enabled,
              postgrey: last.postgrey.inUse,
              rblCount: last.rbls.length,
              log: last.log.kind === 'file' ? (last.log.path ?? 'file') : last.log.kind,
            },
          }
        : {}),
    };
  }

  list(): ServerSummary[] {
    return this.deps.repo.all().map((r) => this.summary(r));
  }

  detail(id: number): ServerDetail {
    const row = this.deps.repo.require(id);
    const last = this.deps.repo.lastInspection(id);
    return { ...this.summary(row), ...(last ? { lastInspection: last } : {}) };
  }

  aliases(): { configPath: string; aliases: string[] } {
    const configPath = this.sshConfigPath();
    return { configPath, aliases: listAliases({ configPath, home: this.home() }) };
  }

  /** A server's settings changed or it was removed: its pooled connection must not be reused. */
  forget(id: number): void {
    this.pool.drop(String(id));
    this.presented.delete(id);
  }

  private takePassphrases(entries: PassphraseEntry[] | undefined): void {
    for (const e of entries ?? []) {
      this.sessionPassphrases.set(e.keyPath, e.passphrase);
      if (e.remember) this.deps.secrets.set(passphraseSecret(e.keyPath), e.passphrase);
    }
  }

  private connect(row: ServerRow): Promise<SshSession> {
    const target = this.target(row);
    const file = this.knownHostsPath();
    return connectSsh({
      server: row.name,
      target,
      knownHostsFile: file,
      passphraseFor: (keyPath) =>
        this.sessionPassphrases.get(keyPath) ?? this.deps.secrets.get(passphraseSecret(keyPath)),
      pinnedAt: (host, port) => this.deps.repo.pinnedAt(host, port),
      onHostKey: (host, port, key) => {
        if (host === target.host && port === target.port)
          this.presented.set(row.id, { host, port, key, file });
      },
      resolveHop: (hop) =>
        resolveTarget(
          {
            host: hop.host,
            ...(hop.port ? { port: hop.port } : {}),
            ...(hop.user ? { user: hop.user } : {}),
          },
          { configPath: this.sshConfigPath(), home: this.home() },
        ),
      ...(this.deps.agentSocket !== undefined ? { agentSocket: this.deps.agentSocket } : {}),
    }).then((conn) => new SshSession(row.name, conn));
  }

  /**
   * A connection of its own, not pooled (the caller closes it): a push holds its lock on it and
   * must know that a dropped connection is not silently replaced mid-way.
   */
  connectDedicated(id: number, passphrases?: PassphraseEntry[]): Promise<SshSession> {
    this.takePassphrases(passphrases);
    return this.connect(this.deps.repo.require(id));
  }

  /** Runs fn on a pooled session for this server. */
  withSession<T>(row: ServerRow, fn: (s: SshSession) => Promise<T>): Promise<T> {
    return this.pool.with(String(row.id), () => this.connect(row), fn);
  }

  private record(
    row: ServerRow,
    ok: boolean,
    error?: AppError,
    extra: { fingerprint?: string; privilege?: 'root' | 'sudo' | 'none' } = {},
  ): void {
    const presented = this.presented.get(row.id);
    this.deps.repo.setStatus(row.id, {
      checkedAt: this.deps.now(),
      ok,
      ...(error
        ? {
            code: error.code,
            message: error.message,
            ...(error.detail !== undefined ? { detail: error.detail } : {}),
          }
        : {}),
      ...((extra.fingerprint ?? presented?.key.fingerprint)
        ? { fingerprint: extra.fingerprint ?? presented?.key.fingerprint }
        : {}),
      ...(extra.privilege ? { privilege: extra.privilege } : {}),
    });
    this.deps.emit('servers.changed', { ids: [row.id] });
  }

  async test(id: number, passphrases?: PassphraseEntry[]): Promise<ConnectionTestResult> {
    const row = this.deps.repo.require(id);
    this.takePassphrases(passphrases);
    this.deps.emit('servers.progress', {
      operation: 'test',
      id,
      name: row.name,
      state: 'running',
      step: 'connecting',
    });
    const started = Date.now();
    try {
      // A test always makes a fresh connection: it must prove today's key and credentials.
      this.pool.drop(String(id));
      const result = await this.withSession(row, async (s) => {
        const privilege = await detectPrivilege(s);
        return {
          id,
          fingerprint: s.hostKey.fingerprint,
          keyType: s.hostKey.type,
          privilege,
          durationMs: Date.now() - started,
        };
      });
      this.record(row, true, undefined, {
        fingerprint: result.fingerprint,
        privilege: result.privilege.mode,
      });
      this.deps.emit('servers.progress', {
        operation: 'test',
        id,
        name: row.name,
        state: 'done',
        step: 'connected',
      });
      return result;
    } catch (e) {
      const err =
        e instanceof AppError ? e : new AppError(toApiError(e).code, toApiError(e).message);
      this.record(row, false, err);
      this.deps.emit('servers.progress', {
        operation: 'test',
        id,
        name: row.name,
        state: 'failed',
        step: 'connecting',
        message: err.message,
      });
      throw err;
    }
  }

  /**
   * Pins the key the server presents — only if it is the one the admin confirmed. Without a key
   * seen in this process (the CLI, an app restart) it connects once to see it.
   */
  async trust(
    id: number,
    fingerprint: string,
  ): Promise<{
    id: number;
    fingerprint: string;
    knownHostsFile: string;
    line?: string;
    host: string;
    port: number;
  }> {
    const row = this.deps.repo.require(id);
    let seen = this.presented.get(id);
    if (!seen || seen.key.fingerprint !== fingerprint) {
      try {
        await this.connect(row).then((s) => s.close());
        // Already trusted: pinning again would only duplicate the line.
        const now = this.presented.get(id);
        if (now?.key.fingerprint === fingerprint)
          return { id, fingerprint, knownHostsFile: now.file, host: now.host, port: now.port };
      } catch {
        /* HOST_KEY_UNKNOWN is the expected way to learn the key */
      }
      seen = this.presented.get(id);
    }
    if (!seen)
      throw new AppError(
        'UNREACHABLE',
        `${row.name} presented no host key: test the connection first.`,
      );
    if (seen.key.fingerprint !== fingerprint) {
      throw new AppError(
        'CONFLICT',
        `The fingerprint you confirmed (${fingerprint}) is not the key ${row.name} presents (${seen.key.fingerprint}). Nothing was pinned; compare again.`,
        { presented: seen.key.fingerprint },
      );
    }
    // Trust on FIRST use only: a changed or revoked key is never re-pinned from here.
    const verdict = checkHostKey(readKnownHosts(seen.file), seen.host, seen.port, seen.key);
    const ctx = {
      server: row.name,
      host: seen.host,
      port: seen.port,
      key: seen.key,
      knownHostsFile: seen.file,
    };
    if (verdict.status === 'changed')
      throw changedHostKey(ctx, verdict.offending, this.deps.repo.pinnedAt(seen.host, seen.port));
    if (verdict.status === 'revoked') throw revokedHostKey(ctx, verdict.entry);
    const target = this.target(row);
    const line = appendKnownHost(seen.file, seen.host, seen.port, seen.key, target.hashKnownHosts);
    this.deps.repo.recordPin(
      seen.host,
      seen.port,
      seen.key.type,
      seen.key.fingerprint,
      seen.file,
      this.deps.now(),
    );
    this.pool.drop(String(id));
    return { id, fingerprint, knownHostsFile: seen.file, line, host: seen.host, port: seen.port };
  }

  async inspect(ids: number[], passphrases?: PassphraseEntry[]): Promise<InspectOutcome[]> {
    this.takePassphrases(passphrases);
    const rows = ids.map((id) => this.deps.repo.require(id));
    for (const row of rows)
      this.deps.emit('servers.progress', {
        operation: 'inspect',
        id: row.id,
        name: row.name,
        state: 'queued',
        step: 'waiting for a free slot',
      });
    const limit = Math.max(1, this.deps.concurrency ?? 4);
    const outcomes: InspectOutcome[] = new Array(rows.length);
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const i = next++;
        const row = rows[i] as ServerRow;
        outcomes[i] = await this.inspectOne(row);
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, rows.length) }, worker));
    return outcomes;
  }

  private async inspectOne(row: ServerRow): Promise<InspectOutcome> {
    const progress = (state: 'running' | 'done' | 'failed', step: string, message?: string) =>
      this.deps.emit('servers.progress', {
        operation: 'inspect',
        id: row.id,
        name: row.name,
        state,
        step,
        ...(message ? { message } : {}),
      });
    progress('running', 'connecting');
    try {
      const inspection: ServerInspection = await this.withSession(row, (s) =>
        inspectServer(s, (step) => progress('running', step)),
      );
      this.deps.repo.addInspection(row.id, inspection);
      this.record(row, true, undefined, { privilege: inspection.privilege.mode });
      progress('done', 'inspected');
      return { id: row.id, name: row.name, ok: true, inspection };
    } catch (e) {
      const error = toApiError(e);
      this.record(row, false, e instanceof AppError ? e : new AppError(error.code, error.message));
      progress('failed', 'inspection', error.message);
      return { id: row.id, name: row.name, ok: false, error };
    }
  }

  /** The server's configuration as a policy, with what could not be represented. */
  async importConfig(id: number): Promise<ImportResult> {
    const row = this.deps.repo.require(id);
    return this.withSession(row, async (s) => importConfig(await readServerConfig(s)));
  }

  /** What a server can do, from its last inspection (compiling needs it). */
  targetProfile(id: number): TargetProfile {
    const row = this.deps.repo.require(id);
    const inspection = this.deps.repo.lastInspection(id);
    if (!inspection)
      throw new AppError(
        'CONFLICT',
        `${row.name} has not been inspected yet: inspect it first, so the policy can be compiled for what it runs.`,
      );
    return profileFromInspection(row.name, inspection);
  }

  close(): void {
    this.pool.closeAll();
  }
}
