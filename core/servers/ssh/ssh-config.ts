// Resolving where and as whom to connect, the way ssh(1) does: ~/.ssh/config Host sections
// (with Include), then OpenSSH's defaults. Explicit values given by the admin win, as on ssh's
// command line. Match exec is never evaluated: reading a config must not run commands.
// Runtime: Node.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SSHConfig from 'ssh-config';

export interface SshTargetInput {
  /** A Host alias from the ssh config, or a plain host name. */
  host: string;
  port?: number;
  user?: string;
  identityFile?: string;
}

export interface SshTarget {
  /** What the admin gave (alias or host). */
  alias: string;
  host: string;
  port: number;
  user: string;
  /** Absolute paths; explicit ones first. Empty = try the agent and the default identities. */
  identityFiles: string[];
  identitiesOnly: boolean;
  /** Comma-separated jump hosts, each [user@]host[:port]; undefined when none. */
  proxyJump: string | undefined;
  hashKnownHosts: boolean;
  /** Whether a Host section of the config applied. */
  fromConfig: boolean;
}

export interface SshConfigOptions {
  configPath: string;
  home?: string;
  localUser?: string;
}

const MAX_INCLUDE_DEPTH = 16;

function globFiles(pattern: string): string[] {
  const dir = path.dirname(pattern);
  const base = path.basename(pattern);
  if (!/[*?]/.test(base)) return fs.existsSync(pattern) ? [pattern] : [];
  const re = new RegExp(
    `^${base
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => re.test(f))
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** Inlines Include directives (relative paths are relative to ~/.ssh, as for the user config). */
function readWithIncludes(file: string, home: string, depth = 0): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw e;
  }
  if (depth >= MAX_INCLUDE_DEPTH) return text;
  return text
    .split('\n')
    .map((line) => {
      const m = /^\s*include\s+(.+)$/i.exec(line);
      if (!m?.[1]) return line;
      return m[1]
        .trim()
        .split(/\s+/)
        .map((p) =>
          p.startsWith('~')
            ? path.join(home, p.slice(1))
            : path.isAbsolute(p)
              ? p
              : path.join(home, '.ssh', p),
        )
        .flatMap(globFiles)
        .map((f) => readWithIncludes(f, home, depth + 1))
        .join('\n');
    })
    .join('\n');
}

function loadConfig(options: SshConfigOptions): SSHConfig {
  return SSHConfig.parse(readWithIncludes(options.configPath, options.home ?? os.homedir()));
}

const first = (v: string | string[] | undefined): string | undefined =>
  Array.isArray(v) ? v[0] : v;
const all = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** ssh_config(5) TOKENS for IdentityFile: %d %u %h %r %%, and a leading ~. */
function expandPath(
  p: string,
  t: { home: string; localUser: string; host: string; user: string },
): string {
  const expanded = p.replace(/%([duhr%])/g, (_m, c: string) =>
    c === 'd' ? t.home : c === 'u' ? t.localUser : c === 'h' ? t.host : c === 'r' ? t.user : '%',
  );
  return expanded.startsWith('~')
    ? path.join(t.home, expanded.slice(1))
    : path.resolve(t.home, expanded);
}

export function resolveTarget(input: SshTargetInput, options: SshConfigOptions): SshTarget {
  const home = options.home ?? os.homedir();
  const localUser = options.localUser ?? os.userInfo().username;
  const computed = loadConfig(options).compute(input.host, { ignoreCase: true, matchExec: false });
  const fromConfig = Object.keys(computed).some((k) => k !== 'host');
  const hostName = (first(computed.hostname) ?? input.host).replace(/%h/g, input.host);
  const user = input.user ?? first(computed.user) ?? localUser;
  const portText = input.port ?? first(computed.port);
  const port = portText === undefined ? 22 : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`Port ${String(portText)} for ${input.host} is not a port number`);
  const tokens = { home, localUser, host: hostName, user };
  const identityFiles = [
    ...(input.identityFile ? [input.identityFile] : []),
    ...all(computed.identityfile),
  ].map((p) => expandPath(p, tokens));
  const jump = first(computed.proxyjump);
  return {
    alias: input.host,
    host: hostName,
    port,
    user,
    identityFiles: [...new Set(identityFiles)],
    identitiesOnly: first(computed.identitiesonly)?.toLowerCase() === 'yes',
    proxyJump: jump && jump.toLowerCase() !== 'none' ? jump : undefined,
    hashKnownHosts: first(computed.hashknownhosts)?.toLowerCase() === 'yes',
    fromConfig,
  };
}

/** Concrete Host aliases (no wildcards, no negations), for the "add by alias" picker. */
export function listAliases(options: SshConfigOptions): string[] {
  const aliases = new Set<string>();
  for (const line of loadConfig(options)) {
    if (line.type !== SSHConfig.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
    const values =
      typeof line.value === 'string' ? line.value.split(/\s+/) : line.value.map((v) => v.val);
    for (const v of values) if (v && !/[*?!]/.test(v)) aliases.add(v);
  }
  return [...aliases].sort();
}

/** OpenSSH's default identities, those that exist. */
export function defaultIdentityFiles(home: string = os.homedir()): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa']
    .map((f) => path.join(home, '.ssh', f))
    .filter((f) => fs.existsSync(f));
}

/** One ProxyJump hop "[user@]host[:port]" → its parts. */
export function parseJumpHop(hop: string): { host: string; port?: number; user?: string } {
  const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hop.trim());
  if (!m?.[2]) throw new Error(`ProxyJump hop "${hop}" is not [user@]host[:port]`);
  const host = m[2].replace(/^\[|\]$/g, '');
  return { host, ...(m[3] ? { port: Number(m[3]) } : {}), ...(m[1] ? { user: m[1] } : {}) };
}
