// known_hosts as OpenSSH reads and writes it: host patterns with wildcards and negation,
// hashed names (|1|salt|hmac), [host]:port for non-standard ports, @revoked markers.
// Runtime: Node.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { HostKey } from './host-key';

export interface KnownHostsEntry {
  file: string;
  /** 1-based, as OpenSSH reports "Offending key in FILE:LINE". */
  line: number;
  marker: 'revoked' | 'cert-authority' | undefined;
  patterns: string;
  type: string;
  base64: string;
}

export type HostKeyStatus =
  | { status: 'known'; entry: KnownHostsEntry }
  | { status: 'unknown'; otherTypesKnown: string[] }
  | { status: 'changed'; offending: KnownHostsEntry[] }
  | { status: 'revoked'; entry: KnownHostsEntry };

/** The name a host is recorded under: `host` on port 22, `[host]:port` otherwise. */
export const hostEntryName = (host: string, port: number): string =>
  port === 22 ? host : `[${host}]:${port}`;

function parseLine(raw: string, file: string, line: number): KnownHostsEntry | undefined {
  const text = raw.trim();
  if (!text || text.startsWith('#')) return undefined;
  const fields = text.split(/\s+/);
  let marker: KnownHostsEntry['marker'];
  if (fields[0]?.startsWith('@')) {
    const m = fields.shift();
    if (m === '@revoked') marker = 'revoked';
    else if (m === '@cert-authority') marker = 'cert-authority';
    else return undefined; // unknown marker: ignored, as OpenSSH does
  }
  const [patterns, type, base64] = fields;
  if (!patterns || !type || !base64) return undefined;
  return { file, line, marker, patterns, type, base64 };
}

export function parseKnownHosts(text: string, file: string): KnownHostsEntry[] {
  return text
    .split('\n')
    .map((raw, i) => parseLine(raw, file, i + 1))
    .filter((e): e is KnownHostsEntry => e !== undefined);
}

/** OpenSSH wildcard match: '*' any run, '?' one character; case-insensitive. */
function wildcard(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(name);
}

function hashedMatch(pattern: string, name: string): boolean {
  const parts = pattern.split('|'); // ['', '1', salt, hash]
  if (parts.length !== 4 || parts[1] !== '1' || !parts[2] || !parts[3]) return false;
  const hmac = crypto
    .createHmac('sha1', Buffer.from(parts[2], 'base64'))
    .update(name)
    .digest('base64');
  return hmac === parts[3];
}

/** Does a comma-separated pattern list match this host name? A matching negation wins. */
export function patternsMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|')) return hashedMatch(patterns, name);
  let matched = false;
  for (const p of patterns.split(',')) {
    const negated = p.startsWith('!');
    const pattern = negated ? p.slice(1) : p;
    if (wildcard(pattern, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

export function hashHostName(name: string, salt: Buffer = crypto.randomBytes(20)): string {
  return `|1|${salt.toString('base64')}|${crypto.createHmac('sha1', salt).update(name).digest('base64')}`;
}

export function readKnownHosts(file: string): KnownHostsEntry[] {
  try {
    return parseKnownHosts(fs.readFileSync(file, 'utf8'), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** What OpenSSH would conclude about the key a server presented. */
export function checkHostKey(
  entries: KnownHostsEntry[],
  host: string,
  port: number,
  key: HostKey,
): HostKeyStatus {
  const name = hostEntryName(host, port);
  const revoked = entries.find(
    (e) => e.marker === 'revoked' && e.base64 === key.base64 && patternsMatch(e.patterns, name),
  );
  if (revoked) return { status: 'revoked', entry: revoked };
  const forHost = entries.filter((e) => e.marker === undefined && patternsMatch(e.patterns, name));
  const exact = forHost.find((e) => e.type === key.type && e.base64 === key.base64);
  if (exact) return { status: 'known', entry: exact };
  const sameType = forHost.filter((e) => e.type === key.type);
  if (sameType.length > 0) return { status: 'changed', offending: sameType };
  return { status: 'unknown', otherTypesKnown: [...new Set(forHost.map((e) => e.type))] };
}

/** Key types already pinned for a host, so negotiation asks for those first (as ssh does). */
export function knownTypesFor(entries: KnownHostsEntry[], host: string, port: number): string[] {
  const name = hostEntryName(host, port);
  return [
    ...new Set(
      entries
        .filter((e) => e.marker === undefined && patternsMatch(e.patterns, name))
        .map((e) => e.type),
    ),
  ];
}

/** Appends a pin for this host; creates ~/.ssh (0700) and the file (0600) as ssh would. */
export function appendKnownHost(
  file: string,
  host: string,
  port: number,
  key: HostKey,
  hash: boolean,
): string {
  const name = hostEntryName(host, port);
  const line = `${hash ? hashHostName(name) : name} ${key.type} ${key.base64}`;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  try {
    const existing = fs.readFileSync(file, 'utf8');
    if (existing.length > 0 && !existing.endsWith('\n')) prefix = '\n';
  } catch {
    /* new file */
  }
  fs.appendFileSync(file, `${prefix}${line}\n`, { mode: 0o600 });
  return line;
}
