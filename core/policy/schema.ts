// The policy: one versioned JSON document for the whole fleet. Runtime: pure (zod, ipaddr.js):
// the Policy page validates inline with the same schema the service enforces.

import { z } from 'zod';
import { hasControlCharacters } from '../app/validation';
import { isHostName, parseClientPattern } from './client-match';

export const POLICY_FORMAT = 'mxwarden-policy';
export const POLICY_VERSION = 1;

/** Where an entry came from: typed by hand, a cloud sender group, the review queue, an import. */
const source = z.union([
  z.literal('manual'),
  z.literal('review'),
  z.literal('import'),
  z.literal('template'),
  z
    .string()
    .regex(
      /^cloud:[a-z0-9][a-z0-9-]{0,62}$/,
      'must be manual, review, import, template or cloud:<provider>',
    ),
]);

const isoDate = z
  .string()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(s) && !Number.isNaN(Date.parse(s)),
    {
      message: 'must be a date like 2026-12-31',
    },
  );

const note = z.string().max(500).optional();

// Postfix map files are line-oriented: anything that could end a line or start a comment inside
// a value would let a policy entry inject configuration. Refused here, escaped nowhere.
const mapSafe = (s: string) => !hasControlCharacters(s);

const clientValue = z
  .string()
  .max(300)
  .superRefine((v, ctx) => {
    if (!mapSafe(v))
      return void ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(v)} contains control characters (a line break?)`,
      });
    const r = parseClientPattern(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });

/** Which checks an allowlist entry skips. */
export const ALLOW_SCOPES = ['all', 'greylisting', 'postscreen', 'dnsbl'] as const;

export const clientEntry = z
  .object({
    value: clientValue,
    note,
    source: source.default('manual'),
    expires: isoDate.optional(),
    scope: z.enum(ALLOW_SCOPES).optional(),
  })
  .strict();

/** What a whitelisted cloud sender skips (a subset of the allowlist scopes, in the UI's order). */
export const CLOUD_SCOPES = ['greylisting', 'postscreen', 'all'] as const;

const PROVIDER = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A network or address a cloud sender publishes: written as-is into cidr maps and postgrey's list. */
const cloudRange = z
  .string()
  .max(64)
  .refine(
    (v) => {
      const p = parseClientPattern(v);
      return p.ok && (p.pattern.kind === 'cidr' || p.pattern.kind === 'ip');
    },
    { message: 'must be an IPv4 or IPv6 network such as 209.85.128.0/17' },
  );

/**
 * A whitelisted cloud sender: the provider and its ranges and host-name suffixes pinned as they
 * were when whitelisted (or last updated), so compiling a version is deterministic and a later
 * refresh shows as a change to push rather than silently altering what a version means.
 */
export const cloudSender = z
  .object({
    /** The provider id: the entries' source is cloud:<provider>. */
    provider: z.string().regex(PROVIDER, 'must be a cloud sender id such as google'),
    name: z
      .string()
      .min(1)
      .max(100)
      .refine(mapSafe, { message: 'must not contain control characters' }),
    scope: z.enum(CLOUD_SCOPES).default('greylisting'),
    /** Where the pinned data came from: a stored live expansion, or the shipped snapshot. */
    pinned: z
      .object({
        origin: z.enum(['live', 'snapshot']),
        expansionId: z.number().int().positive().optional(),
        asOf: isoDate,
      })
      .strict(),
    ranges: z.array(cloudRange).max(50_000),
    /** Verified host names ending with these (ptr terms, catalog suffixes such as mail-out.ovh.net). */
    hostnames: z
      .array(z.string().max(253).refine(isHostName, { message: 'must be a host name suffix' }))
      .max(1_000),
  })
  .strict();

const emailLocal = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/;

/** A map line starting with # is a comment to Postfix: such an entry would silently vanish. */
const commentStart = (v: string) =>
  v.startsWith('#')
    ? `${v} cannot start with # (Postfix would read the line as a comment)`
    : undefined;

function senderValueIssue(v: string): string | undefined {
  if (!mapSafe(v) || /\s/.test(v))
    return `${JSON.stringify(v)} contains spaces or control characters`;
  const hash = commentStart(v);
  if (hash) return hash;
  const at = v.lastIndexOf('@');
  const domain = at >= 0 ? v.slice(at + 1) : v;
  const local = at >= 0 ? v.slice(0, at) : undefined;
  if (local !== undefined && local !== '' && !emailLocal.test(local))
    return `${v} is not an address: "${local}" is not a valid local part`;
  if (!isHostName(domain))
    return `${v} is not an address or domain: "${domain}" is not a domain name`;
  return undefined;
}

export const senderEntry = z
  .object({
    /** user@example.com, @example.com or example.com (the domain and its subdomains). */
    value: z
      .string()
      .max(320)
      .superRefine((v, ctx) => {
        const issue = senderValueIssue(v);
        if (issue) ctx.addIssue({ code: 'custom', message: issue });
      }),
    /** Only when the client is allowed to send for the domain (SPF pass). */
    requireSpf: z.boolean().default(false),
    /**
     * With requireSpf: the addresses the domain's SPF record authorised when it was whitelisted
     * (the review queue pins them). Postfix cannot evaluate SPF; with these it can allow the
     * sender only from inside them, which is what an SPF pass means at that moment.
     */
    spfRanges: z.array(cloudRange).max(10_000).optional(),
    note,
    source: source.default('manual'),
    expires: isoDate.optional(),
  })
  .strict();

function recipientIssue(v: string): string | undefined {
  if (!mapSafe(v) || /\s/.test(v))
    return `${JSON.stringify(v)} contains spaces or control characters`;
  const hash = commentStart(v);
  if (hash) return hash;
  if (v.startsWith('/')) {
    if (!v.endsWith('/') || v.length < 3) return `${v} is not a /regex/`;
    try {
      new RegExp(v.slice(1, -1), 'i');
    } catch (e) {
      return `${v} is not a valid regular expression: ${(e as Error).message}`;
    }
    return undefined;
  }
  const at = v.indexOf('@');
  if (at < 0)
    return isHostName(v) ? undefined : `${v} is not a domain, name@, name@domain or /regex/`;
  const local = v.slice(0, at);
  const domain = v.slice(at + 1);
  if (!emailLocal.test(local)) return `${v}: "${local}" is not a valid local part`;
  if (domain !== '' && !isHostName(domain)) return `${v}: "${domain}" is not a domain name`;
  return undefined;
}

export const recipientEntry = z
  .object({
    /** postgrey's forms: domain, name@ (any domain), name@domain, /regex/. */
    value: z
      .string()
      .max(320)
      .superRefine((v, ctx) => {
        const issue = recipientIssue(v);
        if (issue) ctx.addIssue({ code: 'custom', message: issue });
      }),
    note,
    source: source.default('manual'),
  })
  .strict();

/** postscreen's return-code filter syntax: 127.0.0.2, 127.0.0.[2..11], 127.0.[0..255].[1;2;3]. */
const OCTET = '(?:\\d{1,3}|\\[(?:\\d{1,3}(?:\\.\\.\\d{1,3})?)(?:;\\d{1,3}(?:\\.\\.\\d{1,3})?)*\\])';
const FILTER = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

const zone = z
  .string()
  .max(253)
  .refine((z) => isHostName(z) && z.includes('.'), {
    message: 'must be a DNS zone such as zen.spamhaus.org',
  });

export const dnsList = z
  .object({
    zone,
    /** Which answers count; empty = any 127.0.0.0/8 answer. */
    filter: z
      .string()
      .regex(FILTER, 'must be a return-code filter such as 127.0.0.2 or 127.0.0.[2..11]')
      .optional(),
    /** Added to the score when listed; negative for allowlists (DNSWL). Never 0. */
    weight: z
      .number()
      .int('must be a whole number')
      .min(-100)
      .max(100)
      .refine((w) => w !== 0, { message: 'must not be 0 (disable the list instead)' }),
    /** Whether the list publishes IPv6 data (otherwise IPv6 clients are not looked up). */
    ipv6: z.boolean().default(false),
    enabled: z.boolean().default(true),
    /** Log what it would have done, change nothing. */
    dryRun: z.boolean().default(false),
    note,
  })
  .strict();

/** What a check does when it fires. */
export const CHECK_ACTIONS = ['off', 'reject', 'defer', 'greylist', 'score'] as const;

const checkAction = z
  .object({
    action: z.enum(CHECK_ACTIONS),
    /** Log what would happen (Postfix warn_if_reject), change nothing. */
    dryRun: z.boolean().default(false),
    /** For action 'score': added to the client's DNSBL score. */
    score: z.number().int().min(-100).max(100).optional(),
  })
  .strict()
  .refine((a) => a.action !== 'score' || a.score !== undefined, {
    message: 'a score action needs a score',
    path: ['score'],
  });

const greylisting = z
  .object({
    enabled: z.boolean(),
    dryRun: z.boolean().default(false),
    /** postgrey --delay. */
    delaySeconds: z.number().int().min(1).max(86_400),
    /** postgrey --retry-window: a retry later than this starts over. */
    retryWindowHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    /** postgrey --max-age: triplets unseen this long are forgotten. */
    maxAgeDays: z.number().int().min(1).max(365),
    /** Greylist per network (postgrey --lookup-by-subnet) or per address (--lookup-by-host). */
    perHost: z.boolean().default(false),
    ipv4Prefix: z.number().int().min(8).max(32),
    ipv6Prefix: z.number().int().min(16).max(128),
    /** postgrey --auto-whitelist-clients: after N successful retries; 0 = never. */
    autoWhitelistAfter: z.number().int().min(0).max(1000),
    /** Which clients are greylisted at all. */
    applyTo: z.enum(['all', 'no-rdns', 'dnsbl-listed']).default('all'),
    normalizeSender: z
      .object({ batv: z.boolean(), plusExtension: z.boolean(), verpDigits: z.boolean() })
      .strict(),
    exceptions: z
      .object({
        clients: z.array(clientEntry).max(100_000),
        /** Sender domains exempt when SPF passes for them. */
        spfValidatedSenders: z.array(senderEntry).max(10_000),
        recipients: z.array(recipientEntry).max(10_000),
      })
      .strict(),
  })
  .strict();

export const policySchema = z
  .object({
    format: z.literal(POLICY_FORMAT),
    version: z.literal(POLICY_VERSION),
    name: z.string().max(200).default(''),
    clients: z
      .object({ allow: z.array(clientEntry).max(100_000), deny: z.array(clientEntry).max(100_000) })
      .strict(),
    senders: z
      .object({ allow: z.array(senderEntry).max(100_000), deny: z.array(senderEntry).max(100_000) })
      .strict(),
    /** Recipients that refuse filtering (postmaster@, abuse@, whole domains). */
    recipients: z.object({ exempt: z.array(recipientEntry).max(10_000) }).strict(),
    dnsbl: z
      .object({
        /** A client whose summed weights reach this is rejected (postscreen_dnsbl_threshold). */
        threshold: z.number().int().min(1).max(100),
        /** A score at or below this skips postscreen's other tests (postscreen_dnsbl_allowlist_threshold). */
        allowlistThreshold: z.number().int().min(-100).max(0),
        lists: z.array(dnsList).max(100),
      })
      .strict(),
    greylisting,
    helo: z
      .object({
        /** RFC 5321: a FQDN or an address literal. */
        invalid: checkAction,
        nonFqdn: checkAction,
        /** The client claims to be one of our own names or addresses. */
        claimsToBeUs: checkAction,
        ourNames: z
          .array(
            z
              .string()
              .max(253)
              .refine((n) => isHostName(n) || /^\[[0-9a-fA-F:.]+\]$/.test(n), {
                message: 'must be a host name or an address literal like [192.0.2.25]',
              }),
          )
          .max(100),
      })
      .strict(),
    rdns: z.object({ require: z.enum(['none', 'ptr', 'fcrdns']), action: checkAction }).strict(),
    spf: z.object({ fail: checkAction, softfail: checkAction }).strict(),
    earlyTalker: z
      .object({
        enabled: z.boolean(),
        /** postscreen_greet_wait. */
        greetWaitSeconds: z.number().int().min(1).max(60),
        /** postscreen_greet_action. */
        action: z.enum(['enforce', 'drop', 'ignore']),
      })
      .strict(),
    /** Modelled now; evaluated by a later version (the UI says so). */
    quotas: z
      .object({
        enabled: z.boolean(),
        messagesPerClientPerHour: z.number().int().min(1).max(1_000_000).optional(),
      })
      .strict(),
    reoffenders: z
      .object({
        enabled: z.boolean(),
        rejectionsBeforeBan: z.number().int().min(1).max(100_000),
        banDays: z.number().int().min(1).max(365),
      })
      .strict(),
    /**
     * Whitelisted cloud senders (managed from the Senders page). Optional, not defaulted: versions
     * saved before it existed are read as they are, and keep their hash (so no spurious push).
     */
    cloudSenders: z.array(cloudSender).max(500).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    (p.cloudSenders ?? []).forEach((g, i) => {
      if (seen.has(g.provider))
        ctx.addIssue({
          code: 'custom',
          path: ['cloudSenders', i, 'provider'],
          message: `${g.name} is whitelisted twice`,
        });
      seen.add(g.provider);
    });
  });

export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
export type ClientEntry = z.infer<typeof clientEntry>;
export type SenderEntry = z.infer<typeof senderEntry>;
export type RecipientEntry = z.infer<typeof recipientEntry>;
export type DnsList = z.infer<typeof dnsList>;
export type CheckAction = z.infer<typeof checkAction>;
export type Greylisting = z.infer<typeof greylisting>;
export type CloudSender = z.infer<typeof cloudSender>;
export type CloudScope = (typeof CLOUD_SCOPES)[number];
