// Starting policies built from the peers' published defaults (FORMATS.md): postgrey's
// greylisting values, mailcow's production postscreen weights, Postfix's own defaults.
// Runtime: pure.

import {
  POLICY_FORMAT,
  POLICY_VERSION,
  type CheckAction,
  type DnsList,
  type Policy,
} from './schema';

const off: CheckAction = { action: 'off', dryRun: false };
const reject: CheckAction = { action: 'reject', dryRun: false };
const wouldReject: CheckAction = { action: 'reject', dryRun: true };
const defer: CheckAction = { action: 'defer', dryRun: false };

const list = (zone: string, weight: number, filter?: string, ipv6 = false): DnsList => ({
  zone,
  weight,
  ...(filter ? { filter } : {}),
  ipv6,
  enabled: true,
  dryRun: false,
});

/** mailcow's production postscreen_dnsbl_sites: threshold 6. */
const MAILCOW_LISTS: DnsList[] = [
  list('zen.spamhaus.org', 8, '127.0.0.[10;11]', true),
  list('zen.spamhaus.org', 6, '127.0.0.[4..7]', true),
  list('zen.spamhaus.org', 4, '127.0.0.3', true),
  list('zen.spamhaus.org', 3, '127.0.0.2', true),
  list('b.barracudacentral.org', 7, '127.0.0.2'),
  list('bl.mailspike.net', 5, '127.0.0.2'),
  list('bl.mailspike.net', 4, '127.0.0.[10;11;12]'),
  list('bl.spamcop.net', 2),
  list('list.dnswl.org', -2, '127.0.[0..255].0', true),
  list('list.dnswl.org', -3, '127.0.[0..255].1', true),
  list('list.dnswl.org', -4, '127.0.[0..255].2', true),
  list('list.dnswl.org', -8, '127.0.[0..255].3', true),
];

/** postgrey 1.37's defaults. */
const POSTGREY_GREYLISTING: Policy['greylisting'] = {
  enabled: true,
  dryRun: false,
  delaySeconds: 300,
  retryWindowHours: 48,
  maxAgeDays: 35,
  perHost: false,
  ipv4Prefix: 24,
  ipv6Prefix: 64,
  autoWhitelistAfter: 5,
  applyTo: 'all',
  normalizeSender: { batv: true, plusExtension: true, verpDigits: true },
  exceptions: { clients: [], spfValidatedSenders: [], recipients: [] },
};

function base(name: string): Policy {
  return {
    format: POLICY_FORMAT,
    version: POLICY_VERSION,
    name,
    clients: { allow: [], deny: [] },
    senders: { allow: [], deny: [] },
    // postgrey ships these: mail to them must never be delayed.
    recipients: {
      exempt: [
        { value: 'postmaster@', source: 'template', note: 'RFC 5321: must always be reachable' },
        { value: 'abuse@', source: 'template', note: 'RFC 2142: reports must not be greylisted' },
      ],
    },
    // allowlistThreshold 0 is Postfix's default: the DNSWL bypass of postscreen's tests is off.
    dnsbl: { threshold: 6, allowlistThreshold: 0, lists: MAILCOW_LISTS.map((l) => ({ ...l })) },
    greylisting: structuredClone(POSTGREY_GREYLISTING),
    helo: { invalid: reject, nonFqdn: off, claimsToBeUs: off, ourNames: [] },
    rdns: { require: 'none', action: off },
    spf: { fail: off, softfail: off },
    earlyTalker: { enabled: true, greetWaitSeconds: 6, action: 'enforce' },
    quotas: { enabled: false },
    reoffenders: { enabled: false, rejectionsBeforeBan: 500, banDays: 7 },
  };
}

export const TEMPLATES = {
  /** Blocks little: well-known lists at mailcow's weights, greylisting, invalid HELO. */
  conservative: (): Policy => {
    const p = base('Conservative');
    p.dnsbl.lists = p.dnsbl.lists.filter(
      (l) => l.zone === 'zen.spamhaus.org' || l.zone === 'list.dnswl.org',
    );
    return p;
  },
  /** What most sites run: the full mailcow list, non-FQDN HELO and SPF fail in dry-run first. */
  balanced: (): Policy => {
    const p = base('Balanced');
    p.helo.nonFqdn = wouldReject;
    p.rdns = { require: 'ptr', action: defer };
    p.spf.fail = wouldReject;
    return p;
  },
  /** Rejects hard: lower threshold, forward-confirmed rDNS, SPF fail rejected, softfail greylisted. */
  strict: (): Policy => {
    const p = base('Strict');
    p.dnsbl.threshold = 3;
    p.helo = { ...p.helo, nonFqdn: reject, claimsToBeUs: reject };
    p.rdns = { require: 'fcrdns', action: reject };
    p.spf = { fail: reject, softfail: { action: 'greylist', dryRun: false } };
    return p;
  },
  /** Nothing but the structure, for building from scratch. */
  empty: (): Policy => {
    const p = base('Empty');
    p.dnsbl.lists = [];
    p.greylisting.enabled = false;
    p.helo.invalid = off;
    p.earlyTalker.enabled = false;
    p.recipients.exempt = [];
    return p;
  },
} as const;

export type TemplateName = keyof typeof TEMPLATES;

export const defaultPolicy = (): Policy => TEMPLATES.balanced();
