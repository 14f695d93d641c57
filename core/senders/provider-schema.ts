// What a cloud sender (a large mail provider) is: its id, category, the SPF names whose
// expansion gives its address ranges, host-name suffixes where it publishes no ranges, notes and
// the documentation it comes from. The project's catalog and the user's own additions are
// validated with the same schema. Runtime: pure (zod).

import { z } from 'zod';
import { hasControlCharacters } from '../app/validation';
import { isHostName } from '../policy/client-match';

export const SENDER_CATEGORIES = [
  'webmail',
  'bulk',
  'social',
  'commerce',
  'hosting',
  'saas',
  'security',
  'other',
] as const;
export type SenderCategory = (typeof SENDER_CATEGORIES)[number];

/** The id becomes the policy source `cloud:<id>` (core/policy/schema.ts): same alphabet. */
export const PROVIDER_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !hasControlCharacters(s), { message: 'must not contain control characters' });

/** A DNS name (SPF names often start with an underscore, e.g. _spf.google.com). */
export const dnsName = z
  .string()
  .max(253)
  .transform((s) => s.trim().toLowerCase().replace(/\.$/, ''))
  .refine((s) => isHostName(s) && s.includes('.'), {
    message: 'must be a DNS name such as _spf.example.com',
  });

const https = z
  .string()
  .max(500)
  .refine((s) => /^https?:\/\/[^\s/]+\.[^\s]*$/.test(s) && !hasControlCharacters(s), {
    message: 'must be an http(s) address',
  });

/** Fields a person edits (the user's own providers) and the project maintains (the catalog). */
export const providerInput = z
  .object({
    id: z
      .string()
      .regex(PROVIDER_ID, 'must be lower-case letters, digits and dashes, e.g. acme-mail'),
    name: text(100).refine((s) => s.trim().length > 0, { message: 'must not be empty' }),
    category: z.enum(SENDER_CATEGORIES),
    /** SPF names to expand; their includes, redirects, a and mx terms are followed. */
    spf: z.array(dnsName).max(20).default([]),
    /**
     * Verified host-name suffixes of its senders, where it publishes no usable ranges (OVH's
     * mail-out.ovh.net senders) or only `ptr:` terms (Yahoo).
     */
    hostnames: z.array(dnsName).max(20).default([]),
    /**
     * Other SPF names of this provider, not expanded by themselves: when another provider's
     * record includes one (GitHub including _netblocks.google.com), it is left to this one.
     */
    alsoOwns: z.array(dnsName).max(50).default([]),
    notes: text(1000).default(''),
    /** Where the provider documents its sending hosts or the SPF name to include. */
    docs: https.optional(),
  })
  .strict()
  .refine((p) => p.spf.length > 0 || p.hostnames.length > 0, {
    message: 'give at least one SPF name or one host-name suffix',
    path: ['spf'],
  });

export type ProviderInput = z.input<typeof providerInput>;
export type ProviderDefinition = z.output<typeof providerInput>;

export interface Provider extends ProviderDefinition {
  /** 'catalog': maintained by the project (read-only); 'user': added in this installation. */
  origin: 'catalog' | 'user';
}

/** The user's edit of their own provider: every field but the id may change. */
export const providerPatch = z
  .object({
    name: text(100).optional(),
    category: z.enum(SENDER_CATEGORIES).optional(),
    spf: z.array(dnsName).max(20).optional(),
    hostnames: z.array(dnsName).max(20).optional(),
    alsoOwns: z.array(dnsName).max(50).optional(),
    notes: text(1000).optional(),
    docs: https.nullable().optional(),
  })
  .strict();
export type ProviderPatch = z.input<typeof providerPatch>;
