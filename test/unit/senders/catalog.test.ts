// The cloud-sender catalog and the providers users add: validated by one zod schema, at least 30
// providers of every kind the issue names, ids usable as policy sources (cloud:<id>).

import { describe, expect, it } from 'vitest';
import { policySchema } from '../../../core/policy/schema';
import { CATALOG_VERSION } from '../../../core/senders/catalog';
import { providerInput, providerPatch } from '../../../core/senders/provider-schema';
import { catalogProviders, spfOwners } from '../../../core/senders/providers';
import { TEMPLATES } from '../../../core/policy/templates';

describe('the catalog', () => {
  const providers = catalogProviders();

  it('holds at least 30 valid providers with unique ids and SPF names', () => {
    expect(CATALOG_VERSION).toMatch(/^\d{4}\.\d{2}\.\d+$/);
    expect(providers.length).toBeGreaterThanOrEqual(30);
    expect(new Set(providers.map((p) => p.id)).size).toBe(providers.length);
    const names = providers.flatMap((p) => [...p.spf, ...p.alsoOwns]);
    expect(new Set(names).size).toBe(names.length);
    for (const p of providers) {
      expect(p.origin).toBe('catalog');
      expect(p.spf.length + p.hostnames.length, p.id).toBeGreaterThan(0);
    }
  });

  it('covers the providers peers’ users ask for', () => {
    const ids = new Set(providers.map((p) => p.id));
    for (const id of [
      'google',
      'microsoft',
      'yahoo',
      'apple',
      'zoho',
      'fastmail',
      'proton',
      'gmx',
      'amazon-ses',
      'sendgrid',
      'mailchimp',
      'mandrill',
      'mailgun',
      'sparkpost',
      'postmark',
      'mailjet',
      'brevo',
      'constant-contact',
      'exacttarget',
      'salesforce',
      'facebook',
      'linkedin',
      'twitter',
      'amazon',
      'ebay',
      'paypal',
      'ovh',
      'github',
      'zendesk',
      'atlassian',
    ])
      expect(ids.has(id), id).toBe(true);
    const by = (id: string) => providers.find((p) => p.id === id);
    expect(by('google')?.spf).toEqual(['_spf.google.com']);
    expect(by('microsoft')?.spf).toEqual(['spf.protection.outlook.com']);
    expect(by('amazon-ses')?.spf).toEqual(['amazonses.com']);
    expect(by('ovh')).toMatchObject({ spf: [], hostnames: ['mail-out.ovh.net'] });
  });

  it('names each provider so a policy entry can say where it came from (cloud:<id>)', () => {
    const policy = TEMPLATES.balanced();
    policy.clients.allow = providers.map((p) => ({
      value: '192.0.2.1',
      source: `cloud:${p.id}`,
    })) as typeof policy.clients.allow;
    expect(policySchema.safeParse(policy).success).toBe(true);
  });

  it('maps SPF names to their provider for delegation', () => {
    const owners = spfOwners(providers);
    expect(owners.get('_netblocks.google.com')).toBe('google');
    expect(owners.get('sendgrid.net')).toBe('sendgrid');
    expect(owners.get('pp._spf.paypal.com')).toBe('paypal');
  });
});

describe('a user’s provider', () => {
  it('is normalised: lower-case names without a final dot, defaults filled', () => {
    expect(
      providerInput.parse({
        id: 'acme',
        name: 'Acme',
        category: 'bulk',
        spf: ['_SPF.Acme.Example.'],
      }),
    ).toEqual({
      id: 'acme',
      name: 'Acme',
      category: 'bulk',
      spf: ['_spf.acme.example'],
      hostnames: [],
      alsoOwns: [],
      notes: '',
    });
  });

  it('is refused with a message for each bad field', () => {
    const issues = (v: unknown) => {
      const r = providerInput.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ id: 'Acme Mail', name: '', category: 'spam', spf: ['not a name'] })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^id: must be lower-case/),
        'name: must not be empty',
        expect.stringMatching(/^category:/),
        'spf.0: must be a DNS name such as _spf.example.com',
      ]),
    );
    expect(issues({ id: 'acme', name: 'Acme', category: 'bulk' })).toEqual([
      'spf: give at least one SPF name or one host-name suffix',
    ]);
    expect(issues({ id: 'acme', name: 'A\nB', category: 'bulk', spf: ['a.example'] })).toEqual([
      'name: must not contain control characters',
    ]);
    expect(
      issues({
        id: 'acme',
        name: 'A',
        category: 'bulk',
        spf: ['a.example'],
        docs: 'javascript:alert(1)',
      }),
    ).toEqual(['docs: must be an http(s) address']);
    expect(
      issues({ id: 'acme', name: 'A', category: 'bulk', spf: ['a.example'], extra: 1 }),
    ).toHaveLength(1);
    expect(providerPatch.safeParse({ id: 'x' }).success).toBe(false);
  });
});
