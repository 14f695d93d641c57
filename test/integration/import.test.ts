// Import of a server configured by hand the way real sites are — postscreen with weighted RBLs and
// a cidr access list, smtpd client and sender tables, postgrey with local whitelists, and things
// the policy cannot represent — then compile the imported policy back for the same server: the
// same behaviour, and the unrepresentable parts reported, not lost.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import type { AppService } from '../../core/app/service';
import { createAppService } from '../../core/app/service';
import { MemorySecretStore } from '../../core/secrets/memory-secret-store';
import { openStore } from '../../core/store/database';
import { parseMapSource } from '../../core/targets/postfix/map-source';
import { getTestLab, type Lab } from '../lab/index';
import { makeLabHome } from '../support/lab-home';
import { skipWithReason } from '../support/skip';
import { tempDir } from '../support/temp';

const unavailable = inject('labUnavailable');
let lab: Lab;
let service: AppService;
let serverId = 0;
const saved: Record<string, string> = {};
const SERVER = 'mx2';
const PARAMS = [
  'smtpd_recipient_restrictions',
  'postscreen_access_list',
  'postscreen_dnsbl_sites',
  'postscreen_dnsbl_threshold',
];

const ACCESS = [
  '# partners and a bad network',
  '192.0.2.0/24 OK',
  '198.51.100.7 OK',
  '203.0.113.0/25 REJECT',
  '203.0.113.200 554 5.7.1 go away',
  '10.9.9.9 PREPEND X-Note: odd',
  '',
].join('\n');
const SENDERS = ['alerts@bank.example OK', 'spam.example REJECT', 'weird.example HOLD', ''].join(
  '\n',
);
const PS_ACCESS = ['192.0.2.0/24 permit', '203.0.113.0/25 reject', ''].join('\n');
const PG_CLIENTS = [
  '# local whitelist',
  'mta.bulk.example',
  '198.51.100.0/24',
  '/^smtp\\d+\\.provider\\.example$/',
  '',
].join('\n');
const PG_RCPTS = ['support@lab.example', 'postmaster@', ''].join('\n');

beforeAll(async () => {
  if (unavailable) return;
  lab = await getTestLab();
  const mx = lab.server(SERVER);
  for (const p of PARAMS) saved[p] = (await lab.exec(mx, ['postconf', '-h', p])).stdout.trim();
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(mx.root, file)), { recursive: true });
    fs.writeFileSync(path.join(mx.root, file), text);
  };
  write('/etc/postfix/client_access.cidr', ACCESS);
  write('/etc/postfix/sender_access', SENDERS);
  write('/etc/postfix/postscreen_access.cidr', PS_ACCESS);
  write('/etc/postgrey/whitelist_clients.local', PG_CLIENTS);
  write('/etc/postgrey/whitelist_recipients.local', PG_RCPTS);
  await lab.exec(mx, ['postmap', '/etc/postfix/sender_access']);
  const rcpt = `${saved.smtpd_recipient_restrictions}, check_client_access cidr:/etc/postfix/client_access.cidr, check_sender_access hash:/etc/postfix/sender_access, reject_unknown_sender_domain`;
  await lab.exec(mx, [
    'postconf',
    '-e',
    `smtpd_recipient_restrictions=${rcpt}`,
    'postscreen_access_list=permit_mynetworks, cidr:/etc/postfix/postscreen_access.cidr',
  ]);
  const check = await lab.exec(mx, ['postfix', 'check']);
  if (check.code !== 0) throw new Error(`the hand-made configuration is broken: ${check.stderr}`);

  const home = makeLabHome(tempDir(), lab, 'mailadmin');
  fs.writeFileSync(home.knownHosts, lab.servers.map((s) => s.ssh.knownHostsLine).join('\n') + '\n');
  const dataDir = tempDir();
  service = createAppService({
    store: openStore(path.join(dataDir, 'db')),
    secrets: new MemorySecretStore(),
    host: 'cli',
    dataDir,
    home: home.home,
    watchIntervalMs: 0,
    log: () => {},
  });
  const added = await service.call(
    'servers.add',
    { name: SERVER, host: `lab-${SERVER}` },
    { actor: 't' },
  );
  if (!added.ok) throw new Error(added.error.message);
  serverId = added.value.id;
  const inspected = await service.call('servers.inspect', { ids: [serverId] }, { actor: 't' });
  if (!inspected.ok || !inspected.value[0]?.ok)
    throw new Error(`inspection failed: ${JSON.stringify(inspected)}`);
});

afterAll(async () => {
  if (unavailable || !lab) return;
  const mx = lab.server(SERVER);
  await lab.exec(mx, ['postconf', '-e', ...PARAMS.map((p) => `${p}=${saved[p] ?? ''}`)]);
  for (const f of [
    '/etc/postfix/client_access.cidr',
    '/etc/postfix/sender_access',
    '/etc/postfix/sender_access.db',
    '/etc/postfix/postscreen_access.cidr',
    '/etc/postgrey/whitelist_clients.local',
    '/etc/postgrey/whitelist_recipients.local',
  ]) {
    fs.rmSync(path.join(mx.root, f), { force: true });
  }
  service?.close();
});

function needLab(ctx: TestContext): Lab {
  if (unavailable) skipWithReason(ctx, `the mail lab is unavailable: ${unavailable}`);
  return lab;
}

describe('import of a hand-configured server', () => {
  it('brings in lists, weights, thresholds and whitelists; reports what it cannot represent', async (ctx) => {
    const lab = needLab(ctx);
    const mx = lab.server(SERVER);
    const r = await service.call('policy.importServer', { serverId }, { actor: 't' });
    if (!r.ok) throw new Error(r.error.message);
    const { policy, findings } = r.value;

    expect(
      policy.dnsbl.lists.map((l) => `${l.zone}${l.filter ? `=${l.filter}` : ''}*${l.weight}`),
    ).toEqual(
      mx.expected.rbls.map((s) => `${s.zone}${s.filter ? `=${s.filter}` : ''}*${s.weight}`),
    );
    expect(policy.dnsbl.threshold).toBe(mx.expected.dnsblThreshold);
    expect(policy.clients.allow.map((e) => [e.value, e.scope])).toEqual([
      ['192.0.2.0/24', undefined], // in both postscreen's list and smtpd's: the wider scope
      ['198.51.100.7', undefined],
    ]);
    expect(policy.clients.deny.map((e) => e.value)).toEqual(['203.0.113.0/25', '203.0.113.200']);
    expect(policy.senders.allow.map((e) => e.value)).toEqual(['alerts@bank.example']);
    expect(policy.senders.deny.map((e) => e.value)).toEqual(['spam.example']);
    expect(policy.rdns.require).toBe('ptr'); // mx2 rejects unknown reverse client host names
    expect(policy.greylisting.enabled).toBe(true);
    expect(policy.greylisting.exceptions.clients.map((e) => e.value)).toEqual(
      parseMapSource(PG_CLIENTS).map((l) => l.key),
    );
    expect(policy.greylisting.exceptions.recipients.map((e) => e.value)).toEqual([
      'support@lab.example',
      'postmaster@',
    ]);
    expect(policy.greylisting.perHost).toBe(true);

    const notRepresented = findings
      .filter((f) => f.status === 'not-represented')
      .map((f) => f.what);
    expect(notRepresented).toEqual(
      expect.arrayContaining([
        '10.9.9.9 PREPEND X-Note: odd',
        'weird.example HOLD',
        'reject_unknown_sender_domain',
      ]),
    );
    expect(findings.find((f) => f.what === 'reject_unknown_sender_domain')?.why).toContain(
      'stays on the server',
    );
    expect(findings.filter((f) => f.status === 'kept').map((f) => f.what)).toEqual(
      expect.arrayContaining(['permit_mynetworks', 'reject_unauth_destination']),
    );
  });

  it('compiles back to the same behaviour for that server, and keeps what it could not represent', async (ctx) => {
    needLab(ctx);
    const imported = await service.call('policy.importServer', { serverId }, { actor: 't' });
    if (!imported.ok) throw new Error(imported.error.message);
    const c = await service.call(
      'policy.compile',
      { policy: { policy: imported.value.policy }, serverId },
      { actor: 't' },
    );
    if (!c.ok) throw new Error(c.error.message);
    const setting = (n: string) => c.value.mainCf.find((m) => m.name === n)?.value;
    // The same postscreen scoring.
    expect(setting('postscreen_dnsbl_sites')).toBe(saved.postscreen_dnsbl_sites);
    expect(setting('postscreen_dnsbl_threshold')).toBe(saved.postscreen_dnsbl_threshold);
    // The same entries, now in mxwarden's own files.
    const file = (suffix: string) =>
      parseMapSource(c.value.files.find((f) => f.path.endsWith(suffix))?.content ?? '').map(
        (l) => `${l.key} ${l.value}`,
      );
    expect(file('/postscreen_access.cidr')).toEqual([
      '203.0.113.0/25 reject',
      '203.0.113.200 reject',
      '192.0.2.0/24 permit',
      '198.51.100.7 permit',
    ]);
    expect(file('/client_deny.cidr')).toEqual(['203.0.113.0/25 REJECT', '203.0.113.200 REJECT']);
    expect(file('/client_allow.cidr')).toEqual(['192.0.2.0/24 OK', '198.51.100.7 OK']);
    expect(file('/postgrey_whitelist_clients')).toEqual(
      parseMapSource(PG_CLIENTS).map((l) => `${l.key} `),
    );
    // What the policy could not represent stays in the site's own list, untouched.
    expect(setting('smtpd_recipient_restrictions')).toContain('reject_unknown_sender_domain');
    expect(setting('smtpd_recipient_restrictions')).toContain(
      'check_client_access cidr:/etc/postfix/client_access.cidr',
    );
  });
});
