// Whitelisted cloud senders in the policy: the schema, the diff in words, where each scope lands
// in each server's files, and the engine's verdict for an address inside a provider's ranges
// (no DNS lists; the PTR lookup goes to a closed loopback port and fails at once).

import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../../core/engine/evaluate';
import { DnsClient } from '../../../core/net/dns-client';
import { cloudEntries, withCloudSenders } from '../../../core/policy/cloud-senders';
import { diffPolicies } from '../../../core/policy/diff';
import { validatePolicy } from '../../../core/policy/messages';
import type { CloudSender, Policy } from '../../../core/policy/schema';
import { TEMPLATES } from '../../../core/policy/templates';
import { compile } from '../../../core/targets/postfix/compile';
import { namedProfile } from '../../../core/targets/target';
import { MemoryGreylistStore } from '../../../core/greylist/state';

const group = (over: Partial<CloudSender> = {}): CloudSender => ({
  provider: 'google',
  name: 'Google',
  scope: 'greylisting',
  pinned: { origin: 'live', expansionId: 12, asOf: '2026-11-23T04:00:00.000Z' },
  ranges: ['209.85.128.0/17', '74.125.0.0/16', '2001:4860:4000::/36'],
  hostnames: ['google.com'],
  ...over,
});

function policyWith(...groups: CloudSender[]): Policy {
  const p = TEMPLATES.balanced();
  p.dnsbl.lists = [];
  p.rdns = { require: 'none', action: { action: 'off', dryRun: false } };
  p.cloudSenders = groups;
  return p;
}

const file = (c: ReturnType<typeof compile>, name: string) =>
  c.files.find((f) => f.path.endsWith(`/${name}`))?.content ?? '';

describe('cloud senders in the policy', () => {
  it('validate: ranges must be networks, a provider is whitelisted once', () => {
    expect(validatePolicy(policyWith(group())).ok).toBe(true);
    const bad = validatePolicy(policyWith(group({ ranges: ['not-a-network'] })));
    expect(bad.ok).toBe(false);
    const twice = validatePolicy(policyWith(group(), group({ scope: 'all' })));
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.issues.map((i) => i.message).join(' ')).toMatch(/twice/);
    // Versions saved before the section existed stay valid and unchanged.
    const old = TEMPLATES.balanced();
    const v = validatePolicy(old);
    expect(v.ok && v.policy.cloudSenders).toBeUndefined();
  });

  it('become allowlist entries with source cloud:<provider>, one note per group', () => {
    const entries = cloudEntries(group());
    expect(entries.map((e) => e.value)).toEqual([
      '209.85.128.0/17',
      '74.125.0.0/16',
      '2001:4860:4000::/36',
      'google.com',
    ]);
    expect(new Set(entries.map((e) => e.source))).toEqual(new Set(['cloud:google']));
    expect(entries.filter((e) => e.note).length).toBe(1);
    const p = policyWith(group());
    expect(withCloudSenders(p).clients.allow.length).toBe(p.clients.allow.length + 4);
    const none = TEMPLATES.balanced();
    expect(withCloudSenders(none)).toBe(none);
  });

  it('say in words what was whitelisted, changed and removed', () => {
    const before = policyWith();
    const after = policyWith(group());
    expect(diffPolicies(before, after).map((c) => c.text)).toEqual([
      'whitelisted Google (skip greylisting, 3 ranges, 1 host name)',
    ]);
    const moved = policyWith(
      group({
        scope: 'all',
        pinned: { origin: 'live', expansionId: 14, asOf: '2026-11-24T04:00:00.000Z' },
        ranges: ['209.85.128.0/17', '74.125.0.0/16', '2001:4860:4000::/36', '64.233.160.0/19'],
      }),
    );
    expect(diffPolicies(after, moved).map((c) => c.text)).toEqual([
      'Google: skip greylisting → skip all checks; ranges updated to expansion 14 of 2026-11-24 (entries +1 −0; now 4 ranges)',
    ]);
    expect(diffPolicies(after, before).map((c) => c.text)).toEqual([
      'stopped whitelisting Google (skip greylisting, 3 ranges, 1 host name)',
    ]);
  });

  it('compile per scope: postgrey for greylisting, postscreen for its tests, smtpd for all', () => {
    const profile = namedProfile('postfix-postscreen-postgrey');
    const grey = compile(policyWith(group()), profile);
    expect(file(grey, 'postgrey_whitelist_clients')).toContain('209.85.128.0/17\n');
    expect(file(grey, 'postgrey_whitelist_clients')).toContain('2001:4860:4000::/36\n');
    expect(file(grey, 'postgrey_whitelist_clients')).toContain('google.com\n');
    expect(file(grey, 'postscreen_access.cidr')).not.toContain('209.85.128.0/17');
    expect(file(grey, 'client_allow.cidr')).not.toContain('209.85.128.0/17');

    const ps = compile(policyWith(group({ scope: 'postscreen' })), profile);
    expect(file(ps, 'postscreen_access.cidr')).toContain('209.85.128.0/17 permit');
    expect(file(ps, 'postscreen_access.cidr')).toContain('2001:4860:4000::/36 permit');
    expect(file(ps, 'postscreen_access.cidr')).toMatch(/# Google \(skip postscreen's tests/);
    expect(file(ps, 'postgrey_whitelist_clients')).not.toContain('209.85.128.0/17');
    expect(ps.notes.join('\n')).toMatch(/postscreen cannot allowlist google\.com/);

    const all = compile(policyWith(group({ scope: 'all' })), profile);
    expect(file(all, 'client_allow.cidr')).toContain('74.125.0.0/16 OK');
    expect(file(all, 'client_allow_names')).toContain('google.com OK');
    expect(file(all, 'postscreen_access.cidr')).toContain('74.125.0.0/16 permit');

    // Deterministic: the same policy gives byte-identical files.
    expect(compile(policyWith(group()), profile)).toEqual(grey);
  });

  it('say what a server without postscreen does with "skip postscreen\'s tests"', () => {
    const c = compile(policyWith(group({ scope: 'postscreen' })), namedProfile('postfix-postgrey'));
    expect(c.notes.join('\n')).toMatch(/Google.*postscreen.*does not run/);
  });
});

describe("the engine's verdict for an address inside a whitelisted provider's ranges", () => {
  let dead: dgram.Socket;
  let dns: DnsClient;
  beforeAll(async () => {
    dead = dgram.createSocket('udp4');
    await new Promise<void>((r) => dead.bind(0, '127.0.0.1', r));
    dns = new DnsClient({ servers: [`127.0.0.1:${dead.address().port}`], timeoutMs: 200 });
  });
  afterAll(() => dead.close());

  const run = (p: Policy, address: string) =>
    evaluate(
      {
        address,
        helo: 'mail-ed1-f41.google.com',
        sender: 'a@gmail.com',
        recipient: 'b@example.org',
      },
      p,
      { dns, greylist: new MemoryGreylistStore(), peekGreylist: true },
    );

  it('skip greylisting: accepted at first try, "allowed: cloud:google"', async () => {
    const v = await run(policyWith(group()), '209.85.220.41');
    expect(v.action).toBe('accept');
    expect(v.rule).toBe('cloud:google');
    expect(v.summary).toMatch(/^accepted: allowed: cloud:google/);
    const outside = await run(policyWith(group()), '192.0.2.99');
    expect(outside.action).toBe('greylist');
  });

  it('skip all checks: accepted by the rule naming the provider', async () => {
    const v = await run(policyWith(group({ scope: 'all' })), '2001:4860:4000::1');
    expect(v.action).toBe('accept');
    expect(v.rule).toBe('cloud:google');
    expect(v.summary).toMatch(/allowed: cloud:google — 2001:4860:4000::\/36; no further checks/);
  });

  it('an "all" entry wins over a greylisting-only one before it, as in Postfix\'s own tables', async () => {
    const p = policyWith(group({ scope: 'all' }));
    p.clients.allow.push({ value: '209.85.220.0/24', source: 'manual', scope: 'greylisting' });
    const v = await run(p, '209.85.220.41');
    expect(v.rule).toBe('cloud:google');
    expect(v.summary).toMatch(/no further checks/);
  });
});
