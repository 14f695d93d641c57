// mxwarden's policy service as a library: a Postfix policy delegation server (TCP or unix
// socket) deciding with the engine's policy-service stage on a durable SQLite greylist. The CLI
// (`mxwarden policyd`) is a thin wrapper; tests and the benchmark run this same code in-process.
// Runtime: Node (net, better-sqlite3).

import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { appVersion } from '../app/version';
import type { DnsClient } from '../net/dns-client';
import type { Policy } from '../policy/schema';
import { openStore, type Store } from '../store/database';
import { PolicyConnection, type ConnectionStats } from './connection';
import { PolicyDecider } from './decider';
import { DurableGreylistStore, type DurableStats } from './durable-store';
import { describeListen, type ListenAddress } from './listen-address';
import { DEFAULT_LIMITS } from './request-reader';
import { preallocateWal } from './wal-preallocate';

/**
 * How hard each commit is pushed to disk. `normal` (SQLite WAL, synchronous=NORMAL): a decision
 * survives a crash of the service; `full` (synchronous=FULL, an fsync per commit): it also
 * survives a crash of the machine, like postgrey's Berkeley DB with its synchronous log.
 */
export type SyncMode = 'normal' | 'full';

export interface PolicyServerOptions {
  listen: ListenAddress;
  policy: Policy;
  /** The greylisting state (SQLite, migrated by openStore). */
  statePath: string;
  sync?: SyncMode;
  dns?: DnsClient;
  maxRequestBytes?: number;
  maxLineBytes?: number;
  /** Default 300 s, Postfix's smtpd_policy_service_max_idle. */
  idleTimeoutSeconds?: number;
  /** A started request must be complete within this (default 30 s; Postfix sends it at once). */
  requestTimeoutSeconds?: number;
  /** Beyond this, new connections are closed at once (default 500). */
  maxConnections?: number;
  /** One line per decision and per problem; default: nothing. */
  log?: (line: string) => void;
  /** For the X-Greylist header (default: this machine's name). */
  hostname?: string;
  now?: () => number;
}

export interface PolicyServerStats extends ConnectionStats {
  connections: number;
  acceptedConnections: number;
  refusedConnections: number;
  store: DurableStats;
}

export interface PolicyServer {
  /** The TCP port bound (useful with port 0); undefined on a unix socket. */
  port: number | undefined;
  /** Where it listens, as Postfix would write it: inet:127.0.0.1:10040 or unix:/path. */
  address: string;
  stats: PolicyServerStats;
  policy(): Policy;
  /** Decisions from now on use this policy (SIGHUP). */
  setPolicy(policy: Policy): void;
  /** Stops accepting, answers what was asked, closes every connection and the store. */
  close(): Promise<void>;
}

const HOUR_MS = 3600_000;
/** After this, close() stops waiting for clients that do not close their end. */
const CLOSE_GRACE_MS = 5000;

async function removeStaleSocket(path: string): Promise<void> {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(path);
  } catch {
    return;
  }
  if (!st.isSocket()) throw new Error(`${path} exists and is not a socket: not replacing it`);
  // A socket file nobody listens on is left over from a crash; a live one belongs to someone.
  const alive = await new Promise<boolean>((resolve) => {
    const probe = net.connect(path);
    probe.once('connect', () => (probe.destroy(), resolve(true)));
    probe.once('error', () => resolve(false));
  });
  if (alive) throw new Error(`${path} is in use by a running service`);
  fs.rmSync(path, { force: true });
}

function listen(server: net.Server, address: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const ready = () => (server.off('error', reject), resolve());
    if (address.kind === 'unix') server.listen(address.path, ready);
    else server.listen({ host: address.host, port: address.port }, ready);
  });
}

function openState(path: string, sync: SyncMode): Store {
  const store = openStore(path);
  try {
    // The state is ours alone; if someone holds a lock on it anyway (sqlite3 left open), fail
    // the decisions that need it quickly rather than freeze every connection for the default 5 s.
    store.db.pragma('busy_timeout = 250');
    if (sync === 'full') {
      store.db.pragma('synchronous = FULL');
      // A WAL of a fixed working size, checkpointed (and reused) every 4000 pages: commits then
      // overwrite allocated blocks, and each fsync is half as costly (see wal-preallocate.ts).
      store.db.pragma('wal_autocheckpoint = 4000');
      preallocateWal(store.db, path, 4000);
    } else {
      // Checkpoint less often than SQLite's default 1000 pages: a checkpoint blocks the event
      // loop, and fewer, larger ones cost less per decision (measured: about a third less).
      store.db.pragma('wal_autocheckpoint = 10000');
    }
    return store;
  } catch (e) {
    store.close();
    throw e;
  }
}

export async function startPolicyServer(options: PolicyServerOptions): Promise<PolicyServer> {
  const log = options.log ?? (() => undefined);
  const store = openState(options.statePath, options.sync ?? 'normal');
  const greylist = new DurableGreylistStore(store.db);
  const now = options.now ?? Date.now;
  const decider = new PolicyDecider({
    policy: options.policy,
    store: greylist,
    ...(options.dns ? { dns: options.dns } : {}),
    now,
    hostname: options.hostname ?? os.hostname(),
    version: appVersion(),
  });
  const stats: PolicyServerStats = {
    connections: 0,
    acceptedConnections: 0,
    refusedConnections: 0,
    requests: 0,
    answers: {},
    refusedRequests: 0,
    truncatedRequests: 0,
    internalErrors: 0,
    idleClosed: 0,
    store: greylist.stats,
  };
  const limits = {
    maxRequestBytes: options.maxRequestBytes ?? DEFAULT_LIMITS.maxRequestBytes,
    maxLineBytes: Math.min(
      options.maxLineBytes ?? DEFAULT_LIMITS.maxLineBytes,
      options.maxRequestBytes ?? DEFAULT_LIMITS.maxRequestBytes,
    ),
  };
  const deps = {
    decide: (a: Parameters<PolicyDecider['decide']>[0]) => decider.decide(a),
    afterCommit: (done: (error?: Error) => void) => greylist.afterCommit(done),
    log,
    limits,
    idleTimeoutMs: (options.idleTimeoutSeconds ?? 300) * 1000,
    requestTimeoutMs: (options.requestTimeoutSeconds ?? 30) * 1000,
    stats,
  };
  const maxConnections = options.maxConnections ?? 500;
  const connections = new Set<PolicyConnection>();

  const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: false }, (socket) => {
    if (connections.size >= maxConnections) {
      stats.refusedConnections++;
      log(
        `refusing a connection from ${socket.remoteAddress ?? 'a unix-socket client'}: ${maxConnections} connections already open`,
      );
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    stats.acceptedConnections++;
    const c = new PolicyConnection(socket, deps);
    connections.add(c);
    stats.connections = connections.size;
    void c.done.then(() => {
      connections.delete(c);
      stats.connections = connections.size;
    });
  });

  try {
    if (options.listen.kind === 'unix') await removeStaleSocket(options.listen.path);
    await listen(server, options.listen);
    // Postfix's smtpd connects as the postfix user: like postgrey's default --socketmode, the
    // socket is open to every local user (all it offers is asking for a decision).
    if (options.listen.kind === 'unix') fs.chmodSync(options.listen.path, 0o666);
  } catch (e) {
    store.close();
    throw e;
  }

  // postgrey forgets entries older than max-age once a day; hourly keeps each purge small.
  const maintain = () => {
    const maxAge = decider.policy.greylisting.maxAgeDays * 86400;
    try {
      const n = greylist.purge(Math.floor(now() / 1000) - maxAge);
      if (n > 0) log(`maintenance: forgot ${n} greylisting entries older than the maximum age`);
    } catch (e) {
      log(`maintenance failed: ${(e as Error).message}`);
    }
  };
  maintain();
  greylist.flush();
  const timer = setInterval(maintain, HOUR_MS);
  timer.unref();

  const bound = server.address();
  const port = typeof bound === 'object' && bound ? bound.port : undefined;
  let closing: Promise<void> | undefined;

  return {
    port,
    address: describeListen(options.listen, port),
    stats,
    policy: () => decider.policy,
    setPolicy: (p) => {
      decider.policy = p;
    },
    close: () =>
      (closing ??= (async () => {
        clearInterval(timer);
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const c of connections) c.drain();
        const all = Promise.all([...connections].map((c) => c.done));
        const grace = new Promise<'late'>((resolve) =>
          setTimeout(() => resolve('late'), CLOSE_GRACE_MS).unref(),
        );
        if ((await Promise.race([all, grace])) === 'late') {
          for (const c of connections) c.destroy();
          await all;
        }
        await stopped;
        greylist.flush();
        store.close();
      })()),
  };
}
