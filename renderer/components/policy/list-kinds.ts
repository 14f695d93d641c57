// The policy's eight entry lists: where each lives in the document, what its entries mean, and
// which columns it has. The entry schemas are taken from the policy schema itself, so a line is
// judged here exactly as the service will judge it. Pure.

import type { z } from 'zod';
import { policySchema, type ALLOW_SCOPES } from '../../../core/policy/schema';

export type EntryKind = 'client' | 'sender' | 'recipient';
export type AllowScope = (typeof ALLOW_SCOPES)[number];

/** The union of the three entry shapes, as the editor handles them. */
export interface ListEntry {
  value: string;
  note?: string;
  source?: string;
  expires?: string;
  scope?: AllowScope;
  requireSpf?: boolean;
}

export type ListId =
  | 'clients.allow'
  | 'clients.deny'
  | 'senders.allow'
  | 'senders.deny'
  | 'recipients.exempt'
  | 'greylisting.exceptions.clients'
  | 'greylisting.exceptions.spfValidatedSenders'
  | 'greylisting.exceptions.recipients';

export interface ListDef {
  id: ListId;
  path: readonly string[];
  group: string;
  title: string;
  /** In a sentence: "the clients exempt from greylisting". */
  name: string;
  /** One sentence: what being on this list does. */
  effect: string;
  kind: EntryKind;
  /** Client allowlist only: which checks the entry skips. */
  scope: boolean;
  /** Sender lists: "only if SPF passes". */
  requireSpf: boolean;
  expires: boolean;
  /** The schema's .max() for this array (core/policy/schema.ts). */
  max: number;
  /** For file names and CSV. */
  slug: string;
}

const ENTRY_SCHEMAS: Record<EntryKind, z.ZodType> = {
  client: policySchema.shape.clients.shape.allow.element,
  sender: policySchema.shape.senders.shape.allow.element,
  recipient: policySchema.shape.recipients.shape.exempt.element,
};

export const entrySchema = (kind: EntryKind): z.ZodType => ENTRY_SCHEMAS[kind];

export const LISTS: readonly ListDef[] = [
  {
    id: 'clients.allow',
    name: 'client allowlist',
    path: ['clients', 'allow'],
    group: 'Clients',
    title: 'Client allowlist',
    effect: 'Clients here skip the checks their scope names (all of them by default).',
    kind: 'client',
    scope: true,
    requireSpf: false,
    expires: true,
    max: 100_000,
    slug: 'client-allowlist',
  },
  {
    id: 'clients.deny',
    name: 'client denylist',
    path: ['clients', 'deny'],
    group: 'Clients',
    title: 'Client denylist',
    effect: 'Clients here are rejected before any other check.',
    kind: 'client',
    scope: false,
    requireSpf: false,
    expires: true,
    max: 100_000,
    slug: 'client-denylist',
  },
  {
    id: 'senders.allow',
    name: 'sender allowlist',
    path: ['senders', 'allow'],
    group: 'Senders',
    title: 'Sender allowlist',
    effect: 'Mail from these envelope senders is accepted without the remaining checks.',
    kind: 'sender',
    scope: false,
    requireSpf: true,
    expires: true,
    max: 100_000,
    slug: 'sender-allowlist',
  },
  {
    id: 'senders.deny',
    name: 'sender denylist',
    path: ['senders', 'deny'],
    group: 'Senders',
    title: 'Sender denylist',
    effect: 'Mail from these envelope senders is rejected.',
    kind: 'sender',
    scope: false,
    requireSpf: true,
    expires: true,
    max: 100_000,
    slug: 'sender-denylist',
  },
  {
    id: 'recipients.exempt',
    name: 'recipients exempt from filtering',
    path: ['recipients', 'exempt'],
    group: 'Recipients',
    title: 'Exempt from filtering',
    effect: 'Mail to these recipients is never filtered (postmaster@, abuse@, whole domains).',
    kind: 'recipient',
    scope: false,
    requireSpf: false,
    expires: false,
    max: 10_000,
    slug: 'recipients-exempt',
  },
  {
    id: 'greylisting.exceptions.clients',
    name: 'clients exempt from greylisting',
    path: ['greylisting', 'exceptions', 'clients'],
    group: 'Greylisting exceptions',
    title: 'Clients',
    effect: 'These clients are never greylisted (large senders that retry from other addresses).',
    kind: 'client',
    scope: false,
    requireSpf: false,
    expires: true,
    max: 100_000,
    slug: 'greylisting-exempt-clients',
  },
  {
    id: 'greylisting.exceptions.spfValidatedSenders',
    name: 'senders exempt from greylisting with SPF',
    path: ['greylisting', 'exceptions', 'spfValidatedSenders'],
    group: 'Greylisting exceptions',
    title: 'Senders with SPF pass',
    effect: 'Mail from these sender domains is not greylisted when SPF passes for them.',
    kind: 'sender',
    scope: false,
    requireSpf: false,
    expires: true,
    max: 10_000,
    slug: 'greylisting-exempt-senders',
  },
  {
    id: 'greylisting.exceptions.recipients',
    name: 'recipients exempt from greylisting',
    path: ['greylisting', 'exceptions', 'recipients'],
    group: 'Greylisting exceptions',
    title: 'Recipients',
    effect: 'Mail to these recipients is never greylisted.',
    kind: 'recipient',
    scope: false,
    requireSpf: false,
    expires: false,
    max: 10_000,
    slug: 'greylisting-exempt-recipients',
  },
];

export function listDef(id: string | null | undefined): ListDef | undefined {
  return LISTS.find((l) => l.id === id);
}

/** What a value may look like, shown under the add field. */
export const VALUE_FORMS: Record<EntryKind, string> = {
  client:
    'An address, a network (10.0.0.0/8, or 192.0.2 for its /24), a domain (the client’s verified host name and its subdomains) or a /regex/ on that name.',
  sender: 'user@example.com, @example.com (that domain only) or example.com (and its subdomains).',
  recipient: 'A domain, name@ (any domain), name@domain or a /regex/.',
};

export const PLACEHOLDER: Record<EntryKind, string> = {
  client: '192.0.2.0/24',
  sender: 'news@example.com',
  recipient: 'postmaster@',
};

export const SCOPE_WORDS: Record<AllowScope, string> = {
  all: 'skips all checks',
  greylisting: 'skips greylisting',
  postscreen: 'skips postscreen',
  dnsbl: 'skips DNS lists',
};
