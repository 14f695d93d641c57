// The compiler: golden output per target variant (with and without postscreen and postgrey, and
// a Postfix older than 3.6), determinism, what each target cannot express, and hostile content.
// UPDATE_GOLDEN=1 rewrites the golden files — review the diff before committing it.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../../../core/policy/messages';
import type { Policy } from '../../../core/policy/schema';
import { TEMPLATES } from '../../../core/policy/templates';
import type { CompiledConfig } from '../../../core/targets/compiled';
import { compile, mainCfText } from '../../../core/targets/postfix/compile';
import { NAMED_PROFILES, namedProfile, type ProfileName } from '../../../core/targets/target';

const GOLDEN = path.join(import.meta.dirname, 'golden');

/** A policy that uses every feature. */
function richPolicy(): Policy {
  const p = TEMPLATES.balanced();
  p.name = 'Golden';
  p.clients.allow = [
    { value: '192.0.2.0/24', source: 'manual', note: 'partner relay' },
    { value: '198.51.100.7', source: 'review', scope: 'greylisting' },
    { value: '203.0.113.0/25', source: 'manual', scope: 'dnsbl' },
    { value: '2001:db8:1::/48', source: 'cloud:example-mail', scope: 'postscreen' },
    { value: 'mail.partner.example', source: 'manual' },
    { value: '/^smtp[0-9]+\\.bigsender\\.example$/', source: 'manual' },
  ];
  p.clients.deny = [
    { value: '203.0.113.128/25', source: 'manual', note: 'abuse, ticket 4711' },
    { value: 'dyn.badisp.example', source: 'manual' },
  ];
  p.senders.allow = [
    { value: 'alerts@bank.example', requireSpf: false, source: 'manual' },
    { value: 'news.example', requireSpf: true, source: 'manual' },
  ];
  p.senders.deny = [{ value: '@spam.example', requireSpf: false, source: 'manual' }];
  p.helo = {
    ...p.helo,
    claimsToBeUs: { action: 'reject', dryRun: false },
    ourNames: ['mx.example.net', '[192.0.2.25]'],
  };
  p.rdns = { require: 'fcrdns', action: { action: 'defer', dryRun: false } };
  p.spf.fail = { action: 'reject', dryRun: false };
  p.greylisting.exceptions.clients = [{ value: 'mta.bulk.example', source: 'manual' }];
  p.greylisting.exceptions.recipients = [{ value: 'support@example.net', source: 'manual' }];
  p.dnsbl.lists.push({
    zone: 'new.bl.example',
    weight: 2,
    ipv6: false,
    enabled: true,
    dryRun: true,
  });
  const ok = validatePolicy(p);
  if (!ok.ok) throw new Error(JSON.stringify(ok.issues));
  return ok.policy;
}

function render(c: CompiledConfig): string {
  const parts = [`## main.cf settings\n${mainCfText(c)}`];
  for (const f of c.files)
    parts.push(`## ${f.path} (mode ${f.mode.toString(8)}, read by ${f.readBy})\n${f.content}`);
  if (c.postgrey)
    parts.push(`## postgrey (${c.postgrey.service})\n${c.postgrey.options.join('\n')}\n`);
  parts.push(
    `## cannot express\n${c.unsupported.map((u) => `${u.rule}: ${u.message}\n`).join('')}`,
  );
  parts.push(`## notes\n${c.notes.map((n) => `${n}\n`).join('')}`);
  return parts.join('\n');
}

const VARIANTS: [string, ProfileName, string][] = [
  ...(Object.keys(NAMED_PROFILES) as ProfileName[]).map((p): [string, ProfileName, string] => [
    p,
    p,
    '3.7.11',
  ]),
  ['postfix-postscreen-postgrey-3.5', 'postfix-postscreen-postgrey', '3.5.18'],
];

describe('compiler golden output', () => {
  for (const [name, profile, version] of VARIANTS) {
    it(name, () => {
      const out = render(compile(richPolicy(), namedProfile(profile, version), 'golden'));
      const file = path.join(GOLDEN, `${name}.txt`);
      if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, out);
      expect(out).toBe(fs.readFileSync(file, 'utf8'));
    });
  }
});

describe('compiler properties', () => {
  it('is deterministic: the same policy gives byte-identical files', () => {
    const a = compile(richPolicy(), namedProfile('postfix-postscreen-postgrey'), 'x');
    const b = compile(
      structuredClone(richPolicy()),
      namedProfile('postfix-postscreen-postgrey'),
      'x',
    );
    expect(render(b)).toBe(render(a));
    expect(
      a.files.every(
        (f) =>
          f.content.includes(`from policy ${a.policyHash.slice(0, 12)}`) &&
          f.content.includes('Written by mxwarden'),
      ),
    ).toBe(true);
  });

  it('says what a server cannot express, precisely, and never drops a rule silently', () => {
    const plain = compile(richPolicy(), namedProfile('postfix'), 'x');
    const rules = plain.unsupported.map((u) => u.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'earlyTalker',
        'spf.fail',
        'senders.allow news.example',
        'greylisting',
      ]),
    );
    expect(plain.unsupported.find((u) => u.rule === 'greylisting')?.message).toContain(
      'postgrey is not installed',
    );
    const full = compile(richPolicy(), namedProfile('postfix-postscreen-postgrey'), 'x');
    expect(full.unsupported.map((u) => u.rule).sort()).toEqual([
      'senders.allow news.example',
      'spf.fail',
    ]);
    expect(full.notes.join('\n')).toContain('postscreen cannot allowlist mail.partner.example');
  });

  it('keeps the site’s own restrictions, takes over what the policy manages, and says so', () => {
    const target = {
      ...namedProfile('postfix-postgrey'),
      recipientRestrictions: [
        'permit_mynetworks',
        'permit_sasl_authenticated',
        'reject_unauth_destination',
        'reject_rbl_client zen.spamhaus.org',
        'check_policy_service inet:127.0.0.1:10023',
        'reject_unknown_sender_domain',
      ],
      restrictionClasses: ['site_class'],
    };
    const c = compile(richPolicy(), target, 'x');
    const get = (n: string) => c.mainCf.find((m) => m.name === n)?.value;
    expect(get('smtpd_recipient_restrictions')).toBe(
      'permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination, mxwarden_checks, reject_unknown_sender_domain',
    );
    expect(get('smtpd_restriction_classes')).toBe('site_class, mxwarden_checks, mxwarden_rbl');
    expect(c.notes).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'Taken over by the policy (removed from smtpd_recipient_restrictions): reject_rbl_client zen.spamhaus.org',
        ),
      ]),
    );
  });

  it('compiles 10,000 allowlist entries, every one into each map', () => {
    const p = richPolicy();
    p.clients.allow = Array.from({ length: 10_000 }, (_, i) => ({
      value: `10.${(i >> 8) & 255}.${i & 255}.0/24`,
      source: 'import' as const,
    }));
    const c = compile(p, namedProfile('postfix-postscreen-postgrey'), 'x');
    expect(
      c.files
        .find((f) => f.path.endsWith('/client_allow.cidr'))
        ?.content.split('\n')
        .filter((l) => l.endsWith(' OK')),
    ).toHaveLength(10_000);
    expect(
      c.files
        .find((f) => f.path.endsWith('/postscreen_access.cidr'))
        ?.content.split('\n')
        .filter((l) => l.endsWith(' permit')).length,
    ).toBe(10_000);
  });
});

describe('hostile policy content', () => {
  it('the schema refuses anything that could break a map file or inject configuration', () => {
    const attempts: [string, (p: Policy) => void][] = [
      [
        'newline in a client',
        (p) => p.clients.allow.push({ value: '192.0.2.1\n0.0.0.0/0 OK', source: 'manual' }),
      ],
      [
        'newline in a sender',
        (p) =>
          p.senders.deny.push({
            value: 'a@b.example\nx REJECT',
            requireSpf: false,
            source: 'manual',
          }),
      ],
      [
        'space in a recipient',
        (p) => p.recipients.exempt.push({ value: 'postmaster@ OK', source: 'manual' }),
      ],
      [
        '# in a sender',
        (p) => p.senders.allow.push({ value: '#x@b.example', requireSpf: false, source: 'manual' }),
      ],
      [
        'shell in a zone',
        (p) =>
          p.dnsbl.lists.push({
            zone: 'zen.example;touch /tmp/x',
            weight: 1,
            ipv6: false,
            enabled: true,
            dryRun: false,
          }),
      ],
      [
        'comma in a zone',
        (p) =>
          p.dnsbl.lists.push({
            zone: 'a.example, permit',
            weight: 1,
            ipv6: false,
            enabled: true,
            dryRun: false,
          }),
      ],
      [
        'bad filter',
        (p) =>
          p.dnsbl.lists.push({
            zone: 'a.example',
            filter: '127.0.0.2, permit',
            weight: 1,
            ipv6: false,
            enabled: true,
            dryRun: false,
          }),
      ],
      ['CR in a HELO name', (p) => p.helo.ourNames.push('mx.example\r\nREJECT')],
      ['space in a HELO name', (p) => p.helo.ourNames.push('two words')],
    ];
    for (const [what, mutate] of attempts) {
      const p = richPolicy();
      mutate(p);
      expect(validatePolicy(p).ok, what).toBe(false);
    }
  });

  it('the writer refuses such lines a second time, and notes can never add lines', () => {
    const p = richPolicy();
    p.clients.allow[0] = { ...p.clients.allow[0]!, note: 'first line\n0.0.0.0/0 OK\r\n# more' };
    const c = compile(p, namedProfile('postfix-postscreen-postgrey'), 'x');
    const allow = c.files.find((f) => f.path.endsWith('/client_allow.cidr'))?.content ?? '';
    expect(allow).not.toMatch(/^0\.0\.0\.0\/0 OK$/m);
    expect(allow).toContain('# first line 0.0.0.0/0 OK  # more');
    // Were a bad name to get past the schema, the writer would still refuse it.
    const q = richPolicy();
    q.helo.ourNames.push('two words'); // bypassing validation on purpose
    expect(() => compile(q, namedProfile('postfix'), 'x')).toThrow(/space/);
  });
});
