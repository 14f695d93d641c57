// Opening an SSH connection the way ssh(1) would: host key checked against known_hosts before
// anything else happens, then the agent and the identity files, through ProxyJump hosts when
// the config says so. Runtime: Node (ssh2).

import fs from 'node:fs';
import type { Duplex } from 'node:stream';
import ssh2, { type AgentAuthMethod, type ConnectConfig, type PublicKeyAuthMethod } from 'ssh2';
import { AppError } from '../../app/result';
import { algorithmsForKeyType, hostKeyFromBlob, type HostKey } from './host-key';
import { changedHostKey, revokedHostKey, unknownHostKey } from './host-key-errors';
import { checkHostKey, knownTypesFor, readKnownHosts } from './known-hosts';
import { defaultIdentityFiles, parseJumpHop, type SshTarget } from './ssh-config';

// ssh2 is CommonJS without static named exports: the default import works in Node's ESM loader
// (the built CLI and Electron main), where `import { Client }` does not.
const { Client, utils } = ssh2;
type Client = InstanceType<typeof ssh2.Client>;

const SERVER_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

export interface ConnectOptions {
  /** The server's display name, for messages. */
  server: string;
  target: SshTarget;
  knownHostsFile: string;
  /** A remembered or just-entered passphrase for an encrypted identity file. */
  passphraseFor?: (keyPath: string) => string | undefined;
  /** When the pin was made, to say "changed since <date>". */
  pinnedAt?: (host: string, port: number) => number | undefined;
  /** ssh-agent socket; defaults to $SSH_AUTH_SOCK. */
  agentSocket?: string | undefined;
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  /** Resolves a ProxyJump hop (an alias or host) to a target, through the same config. */
  resolveHop?: (hop: { host: string; port?: number; user?: string }) => SshTarget;
  /** Called with every key a server presented (mxwarden pins exactly the key the admin saw). */
  onHostKey?: (host: string, port: number, key: HostKey) => void;
}

export interface SshConnection {
  client: Client;
  hostKey: HostKey;
  /** Jump connections this one rides on; closed with it. */
  via: Client[];
}

interface AuthPlan {
  methods: (AgentAuthMethod | PublicKeyAuthMethod)[];
  /** Identity files that need a passphrase we do not have. */
  locked: string[];
  /** Wrong passphrases given. */
  badPassphrase: string[];
  publicKeys: { file: string; line: string }[];
}

function planAuth(target: SshTarget, options: ConnectOptions): AuthPlan {
  const plan: AuthPlan = { methods: [], locked: [], badPassphrase: [], publicKeys: [] };
  const agent = options.agentSocket === undefined ? process.env.SSH_AUTH_SOCK : options.agentSocket;
  if (agent && !target.identitiesOnly)
    plan.methods.push({ type: 'agent', username: target.user, agent });
  const files = target.identityFiles.length ? target.identityFiles : defaultIdentityFiles();
  for (const file of files) {
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch {
      continue; // ssh also skips identity files that do not exist
    }
    let parsed = utils.parseKey(data);
    let passphrase: string | undefined;
    if (parsed instanceof Error && /encrypt|passphrase/i.test(parsed.message)) {
      passphrase = options.passphraseFor?.(file);
      if (passphrase === undefined) {
        plan.locked.push(file);
        continue;
      }
      parsed = utils.parseKey(data, passphrase);
      if (parsed instanceof Error) {
        plan.badPassphrase.push(file);
        continue;
      }
    }
    if (parsed instanceof Error) continue;
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (key)
      plan.publicKeys.push({ file, line: `${key.type} ${key.getPublicSSH().toString('base64')}` });
    plan.methods.push({
      type: 'publickey',
      username: target.user,
      key: data,
      ...(passphrase ? { passphrase } : {}),
    });
  }
  return plan;
}

function authFailure(options: ConnectOptions, target: SshTarget, plan: AuthPlan): AppError {
  const { server } = options;
  if (plan.badPassphrase.length) {
    return new AppError(
      'PASSPHRASE_REQUIRED',
      `The passphrase for ${plan.badPassphrase[0]} is wrong. Enter it again to connect to ${server}.`,
      {
        keyPath: plan.badPassphrase[0],
        wrong: true,
      },
    );
  }
  if (plan.locked.length && plan.methods.length === 0) {
    return new AppError(
      'PASSPHRASE_REQUIRED',
      `The key ${plan.locked[0]} is encrypted: enter its passphrase to connect to ${server}.`,
      {
        keyPath: plan.locked[0],
      },
    );
  }
  const key = plan.publicKeys[0];
  const hint = key
    ? ` Add this public key to ~${target.user}/.ssh/authorized_keys on the server: ${key.line} (from ${key.file}).`
    : ' No usable key was found: set an identity file for this server, or load a key into ssh-agent.';
  const locked = plan.locked.length
    ? ` (${plan.locked.join(', ')} was not tried: it needs its passphrase.)`
    : '';
  return new AppError(
    'AUTH_FAILED',
    `${server} refused every key offered for user ${target.user}@${target.host}:${target.port}.${hint}${locked}`,
    { user: target.user, publicKeys: plan.publicKeys, locked: plan.locked },
  );
}

function networkFailure(
  server: string,
  target: SshTarget,
  err: Error & { code?: string; level?: string },
): AppError {
  const where = `${target.host}:${target.port}`;
  switch (err.code) {
    case 'ECONNREFUSED':
      return new AppError(
        'UNREACHABLE',
        `Nothing answers SSH on ${where} for ${server} (connection refused). Is sshd running there, and is the port right?`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AppError(
        'UNREACHABLE',
        `The host name ${target.host} of ${server} does not resolve. Check the name, or its HostName in your ssh config.`,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new AppError(
        'UNREACHABLE',
        `No route to ${where} for ${server}. Check the network path (VPN, firewall, ProxyJump).`,
      );
    case 'ECONNRESET':
    case 'EPIPE':
      return new AppError(
        'UNREACHABLE',
        `${server} (${where}) closed the connection during the SSH handshake. Check sshd's log there (MaxStartups, AllowUsers, TCP wrappers).`,
      );
    default:
      if (/timed out/i.test(err.message)) {
        return new AppError(
          'TIMEOUT',
          `${server} (${where}) did not complete the SSH handshake in time. Is the host up, and is the port an SSH port?`,
        );
      }
      return new AppError(
        'UNREACHABLE',
        `Could not connect to ${server} (${where}): ${err.message}`,
      );
  }
}

async function openOne(
  target: SshTarget,
  options: ConnectOptions,
  sock: Duplex | undefined,
  via: Client[],
): Promise<SshConnection> {
  const known = readKnownHosts(options.knownHostsFile);
  const preferred = knownTypesFor(known, target.host, target.port).flatMap(algorithmsForKeyType);
  const hostKeyOrder = [...new Set([...preferred, ...SERVER_HOST_KEY_ALGORITHMS])];
  // Even with nothing to offer we connect: like ssh, the host key is verified before any
  // question about keys or passphrases.
  const plan = planAuth(target, options);

  const client = new Client();
  const remaining = [...plan.methods];
  let presented: HostKey | undefined;
  let refusal: AppError | undefined;
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.user,
    readyTimeout: options.readyTimeoutMs ?? 15_000,
    keepaliveInterval: options.keepaliveIntervalMs ?? 5_000,
    keepaliveCountMax: 3,
    authHandler: (_left, _partial, next) => next(remaining.shift() ?? (false as never)),
    algorithms: { serverHostKey: hostKeyOrder as never },
    hostVerifier: (blob: Buffer) => {
      presented = hostKeyFromBlob(blob);
      options.onHostKey?.(target.host, target.port, presented);
      const ctx = {
        server: options.server,
        host: target.host,
        port: target.port,
        key: presented,
        knownHostsFile: options.knownHostsFile,
      };
      const verdict = checkHostKey(known, target.host, target.port, presented);
      if (verdict.status === 'known') return true;
      refusal =
        verdict.status === 'revoked'
          ? revokedHostKey(ctx, verdict.entry)
          : verdict.status === 'changed'
            ? changedHostKey(ctx, verdict.offending, options.pinnedAt?.(target.host, target.port))
            : unknownHostKey(ctx, verdict.otherTypesKnown);
      return false;
    },
    ...(sock ? { sock } : {}),
  };

  return new Promise<SshConnection>((resolve, reject) => {
    let settled = false;
    const fail = (e: AppError) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(e);
    };
    client.once('ready', () => {
      settled = true;
      if (!presented) return fail(new AppError('INTERNAL', 'Connected without seeing a host key'));
      resolve({ client, hostKey: presented, via });
    });
    // `on`, not `once`: ssh2 can emit a second error while tearing down, and an 'error' event
    // without a listener would crash the process.
    client.on('error', (err: Error & { code?: string; level?: string }) => {
      if (refusal) return fail(refusal);
      if (err.level === 'client-authentication') return fail(authFailure(options, target, plan));
      fail(networkFailure(options.server, target, err));
    });
    client.once('close', () => {
      if (refusal) return fail(refusal);
      fail(
        new AppError(
          'UNREACHABLE',
          `${options.server} (${target.host}:${target.port}) closed the connection before SSH was ready.`,
        ),
      );
    });
    client.connect(config);
  });
}

/** Connects to the target, through its ProxyJump chain if any. */
export async function connectSsh(options: ConnectOptions): Promise<SshConnection> {
  const hops = options.target.proxyJump
    ? options.target.proxyJump.split(',').map(parseJumpHop)
    : [];
  const via: Client[] = [];
  let sock: Duplex | undefined;
  try {
    for (const hop of hops) {
      const target = options.resolveHop
        ? options.resolveHop(hop)
        : {
            ...options.target,
            host: hop.host,
            port: hop.port ?? 22,
            user: hop.user ?? options.target.user,
            proxyJump: undefined,
          };
      const conn = await openOne(
        { ...target, proxyJump: undefined },
        { ...options, server: `${options.server} (jump host ${target.host})` },
        sock,
        [...via],
      );
      via.push(conn.client);
      sock = await forward(conn.client, nextHost(hops, hop, options.target));
    }
    return await openOne(options.target, options, sock, via);
  } catch (e) {
    for (const c of via) c.end();
    throw e;
  }
}

function nextHost(
  hops: { host: string; port?: number }[],
  hop: { host: string },
  target: SshTarget,
): { host: string; port: number } {
  const i = hops.indexOf(hop as (typeof hops)[number]);
  const next = hops[i + 1];
  return next
    ? { host: next.host, port: next.port ?? 22 }
    : { host: target.host, port: target.port };
}

function forward(client: Client, to: { host: string; port: number }): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, to.host, to.port, (err, stream) => {
      if (err)
        reject(
          new AppError(
            'UNREACHABLE',
            `The jump host could not open a connection to ${to.host}:${to.port}: ${err.message}`,
          ),
        );
      else resolve(stream);
    });
  });
}
