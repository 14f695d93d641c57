// known_hosts handling, checked against OpenSSH's ssh-keygen on the same files.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, hostKeyFromBlob, keyTypeOf } from '../../../core/servers/ssh/host-key';
import {
  appendKnownHost,
  checkHostKey,
  hashHostName,
  hostEntryName,
  knownTypesFor,
  parseKnownHosts,
  patternsMatch,
  readKnownHosts,
} from '../../../core/servers/ssh/known-hosts';
import { tempDir } from '../../support/temp';

const dir = tempDir();

function newKey(name: string, type = 'ed25519'): { pub: string; blob: Buffer; line: string } {
  const file = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', '', '-f', file]);
  const line = fs.readFileSync(`${file}.pub`, 'utf8').trim();
  const b64 = line.split(' ')[1] ?? '';
  return { pub: `${file}.pub`, blob: Buffer.from(b64, 'base64'), line };
}

describe('host keys', () => {
  it('fingerprints exactly as ssh-keygen -l prints them', () => {
    for (const type of ['ed25519', 'ecdsa', 'rsa']) {
      const k = newKey(`fp-${type}`, type);
      const fromSshKeygen = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', k.pub], {
        encoding: 'utf8',
      }).split(' ')[1];
      expect(fingerprintOf(k.blob)).toBe(fromSshKeygen);
      expect(keyTypeOf(k.blob)).toBe(k.line.split(' ')[0]);
    }
  });

  it('refuses malformed blobs', () => {
    expect(() => keyTypeOf(Buffer.from([0, 0]))).toThrow();
    expect(() => keyTypeOf(Buffer.from([0, 0, 0, 200, 1, 2]))).toThrow();
  });
});

describe('known_hosts', () => {
  const a = newKey('a');
  const b = newKey('b');
  const rsa = newKey('r', 'rsa');
  const ka = hostKeyFromBlob(a.blob);
  const kb = hostKeyFromBlob(b.blob);
  const krsa = hostKeyFromBlob(rsa.blob);

  it('matches names, [host]:port, wildcards and negations like OpenSSH', () => {
    expect(hostEntryName('mx1.example', 22)).toBe('mx1.example');
    expect(hostEntryName('127.0.0.1', 2201)).toBe('[127.0.0.1]:2201');
    expect(patternsMatch('mx1.example,mx2.example', 'MX2.example')).toBe(true);
    expect(patternsMatch('*.example,!evil.example', 'evil.example')).toBe(false);
    expect(patternsMatch('*.example,!evil.example', 'good.example')).toBe(true);
    expect(patternsMatch('mx?.example', 'mx3.example')).toBe(true);
    expect(patternsMatch('[127.0.0.1]:2201', '[127.0.0.1]:2202')).toBe(false);
  });

  it('reads hashed entries written by ssh-keygen -H, and ssh-keygen finds ours', () => {
    const file = path.join(dir, 'hashed');
    fs.writeFileSync(file, `[127.0.0.1]:2201 ${a.line}\nmx9.example ${b.line}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const entries = readKnownHosts(file);
    expect(entries.every((e) => e.patterns.startsWith('|1|'))).toBe(true);
    expect(checkHostKey(entries, '127.0.0.1', 2201, ka).status).toBe('known');
    expect(checkHostKey(entries, 'mx9.example', 22, kb).status).toBe('known');
    expect(checkHostKey(entries, 'mx9.example', 2222, kb).status).toBe('unknown');

    const ours = path.join(dir, 'ours');
    appendKnownHost(ours, '127.0.0.1', 2203, ka, true);
    appendKnownHost(ours, 'mx4.example', 22, kb, false);
    const found = execFileSync('ssh-keygen', ['-F', '[127.0.0.1]:2203', '-f', ours], {
      encoding: 'utf8',
    });
    expect(found).toContain(a.line.split(' ')[1]);
    expect(
      execFileSync('ssh-keygen', ['-F', 'mx4.example', '-f', ours], { encoding: 'utf8' }),
    ).toContain(b.line.split(' ')[1]);
    expect(hashHostName('x', Buffer.alloc(20, 1))).toMatch(
      /^\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+$/,
    );
    expect((fs.statSync(ours).mode & 0o777).toString(8)).toBe('600');
  });

  it('tells known, unknown, changed (with the offending line) and revoked apart', () => {
    const text = [
      '# comment',
      `[127.0.0.1]:2201 ${a.line}`,
      `[127.0.0.1]:2202 ${rsa.line}`,
      `@revoked * ${b.line}`,
      '@weird-marker host ssh-ed25519 AAAA',
      'garbage',
    ].join('\n');
    const entries = parseKnownHosts(text, '/k');
    expect(checkHostKey(entries, '127.0.0.1', 2201, ka)).toMatchObject({ status: 'known' });
    // Same type, different key: changed, pointing at line 2 as "Offending ... key in /k:2".
    const other = hostKeyFromBlob(newKey('c').blob);
    expect(checkHostKey(entries, '127.0.0.1', 2201, other)).toMatchObject({
      status: 'changed',
      offending: [{ file: '/k', line: 2 }],
    });
    // Only another type is known: unknown, but saying which types are known.
    expect(checkHostKey(entries, '127.0.0.1', 2202, ka)).toEqual({
      status: 'unknown',
      otherTypesKnown: ['ssh-rsa'],
    });
    expect(checkHostKey(entries, '127.0.0.1', 2202, krsa).status).toBe('known');
    // A revoked key is refused for every host, even one that pinned it.
    expect(
      checkHostKey(
        [...entries, ...parseKnownHosts(`[127.0.0.1]:2209 ${b.line}`, '/k2')],
        '127.0.0.1',
        2209,
        kb,
      ),
    ).toMatchObject({
      status: 'revoked',
      entry: { line: 4 },
    });
    expect(knownTypesFor(entries, '127.0.0.1', 2202)).toEqual(['ssh-rsa']);
    expect(checkHostKey(entries, 'nowhere', 22, ka)).toEqual({
      status: 'unknown',
      otherTypesKnown: [],
    });
  });

  it('appends on a new line even when the file does not end with one', () => {
    const file = path.join(dir, 'no-newline');
    fs.writeFileSync(file, `x.example ${a.line}`);
    appendKnownHost(file, 'y.example', 22, kb, false);
    expect(readKnownHosts(file).map((e) => e.patterns)).toEqual(['x.example', 'y.example']);
  });
});
