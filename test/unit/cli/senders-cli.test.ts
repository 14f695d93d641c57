// `mxwarden senders` in process over a real store, without DNS: the catalog from the offline
// snapshot (labelled so), lookup, the user's own providers, and a DNS server that does not answer
// reported as an error — never as "no ranges".

import { describe, expect, it } from 'vitest';
import { runCli } from '../../../core/cli/main';
import { capture } from '../../support/capture';
import { tempDir } from '../../support/temp';

const dataDir = tempDir();

async function cli(...args: string[]) {
  const c = capture();
  const code = await runCli(['--data-dir', dataDir, ...args], c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('mxwarden senders', () => {
  it('lists the catalog with the snapshot’s date, never as live data', async () => {
    const r = await cli('senders', 'list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^id +name +category +IPv4 +IPv6 +hosts +data +status +whitelist$/m);
    expect(r.out).toMatch(
      /^google +Google \(Gmail, Workspace\) +webmail +2 +6 +0 +snapshot of 2026-11-23 +ok$/m,
    );
    expect(r.out).not.toMatch(/ live \d{4}-/);
    expect(r.out).toMatch(
      /33 providers; catalog 2026\.11\.1\. Providers never refreshed show the offline snapshot of 2026-11-23 \(not live data\)/,
    );
    const json = JSON.parse((await cli('senders', 'list', '--json')).out);
    expect(json.snapshotDate).toBe('2026-11-23');
    expect(
      json.providers.every((p: { data: { origin: string } }) => p.data.origin === 'snapshot'),
    ).toBe(true);
  });

  it('looks up an address or a host name', async () => {
    expect((await cli('senders', 'lookup', '40.107.22.5')).out).toBe(
      '40.107.22.5: Microsoft 365 / Outlook.com (microsoft), range 40.107.0.0/16 — offline snapshot of 2026-11-23\n',
    );
    expect((await cli('senders', 'lookup', 'mo42.mail-out.ovh.net')).out).toMatch(
      /OVHcloud \(ovh\), host names \*\.mail-out\.ovh\.net \(only if forward-confirmed\)/,
    );
    expect((await cli('senders', 'lookup', '192.0.2.1')).out).toBe(
      '192.0.2.1: no known cloud sender\n',
    );
  });

  it('adds and removes the user’s own providers; the catalog’s are read-only', async () => {
    const add = await cli(
      'senders',
      'add',
      'acme',
      '--name',
      'Acme Mail',
      '--category',
      'bulk',
      '--spf',
      '_spf.acme.example',
    );
    expect(add).toMatchObject({
      code: 0,
      out: 'added acme (Acme Mail); expand it with `mxwarden senders expand acme`\n',
    });
    const again = await cli('senders', 'add', 'acme', '--name', 'Again', '--spf', 'x.example');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);
    const bad = await cli('senders', 'add', 'bad', '--name', 'Bad', '--spf', 'not a name');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/spf\.0: must be a DNS name/);
    const list = await cli('senders', 'list');
    expect(list.out).toMatch(
      /^acme +Acme Mail +bulk +0 +0 +0 +snapshot of 2026-11-23 +incomplete, 1 error$/m,
    );
    expect((await cli('senders', 'remove', 'google')).err).toMatch(/part of the catalog/);
    expect((await cli('senders', 'remove', 'acme')).code).toBe(0);
    const audit = JSON.parse((await cli('audit', 'list', '--action', 'senders.', '--json')).out);
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual([
      'senders.remove',
      'senders.add',
    ]);
  });

  it('reports a DNS server that does not answer as an error, with exit code 1', async () => {
    // Nothing listens on loopback port 1: every query is refused at once.
    const r = await cli('senders', 'expand', 'google', '--dns', '127.0.0.1:1', '--timeout', '300');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^google — live, .* from 127\.0\.0\.1:1, \d+ ms, 1 DNS lookup$/m);
    // What could not be read is kept from the snapshot, and said so: nothing is lost.
    expect(r.out).toMatch(
      /^warning: _spf\.google\.com could not be read: its ranges were kept from the snapshot of 2026-11-23$/m,
    );
    expect(r.out).toMatch(/^ {2}74\.125\.0\.0\/16$/m);
    expect((await cli('senders', 'list')).out).toMatch(
      /^google .* live .* UTC \(part kept from the snapshot of 2026-11-23\) +incomplete, 1 error, 1 warning$/m,
    );
    expect(r.out).toMatch(/INCOMPLETE \(see errors\)/);
    expect(r.out).toMatch(/^error: TXT _spf\.google\.com: (ECONNREFUSED|timed out)/m);
  });

  it('whitelists a provider as a new policy version, says so in the list, and removes it', async () => {
    const on = await cli('senders', 'whitelist', 'google', '--scope', 'all');
    expect(on.code, on.err).toBe(0);
    expect(on.out).toMatch(
      /^policy version 1: Whitelisted Google \(Gmail, Workspace\) \(skip all checks, \d+ ranges\)$/m,
    );
    expect(on.out).toMatch(/^ {2}Cloud senders: whitelisted Google/m);
    expect((await cli('senders', 'list')).out).toMatch(/^google .* skip all checks$/m);
    const again = await cli('senders', 'whitelist', 'google', '--scope', 'all');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already whitelisted/);
    expect((await cli('senders', 'whitelist', 'google', '--scope', 'everything')).code).toBe(2);
    const off = await cli('senders', 'unwhitelist', 'google');
    expect(off.out).toMatch(/^policy version 2: Stopped whitelisting Google/m);
    expect((await cli('senders', 'unwhitelist', 'google')).err).toMatch(/not whitelisted/);
  });

  it('explains wrong usage with exit code 2', async () => {
    expect((await cli('senders')).code).toBe(2);
    expect((await cli('senders', 'expand')).err).toMatch(/expand takes one provider/);
    expect((await cli('senders', 'expand', 'nosuchprovider')).err).toMatch(
      /no cloud sender "nosuchprovider"/,
    );
    expect((await cli('senders', 'refresh', '--timeout', 'soon')).code).toBe(2);
  });
});
