// Import: a server's current Postfix/postscreen/postgrey configuration as a policy, so an admin
// adopts mxwarden without retyping years of lists — plus a report of everything that could not
// be represented (it stays on the server, untouched). Read-only. Runtime: pure (I/O through the
// reader).

import type {
  ClientEntry,
  DnsList,
  Policy,
  RecipientEntry,
  SenderEntry,
} from '../../policy/schema';
import { parseClientPattern } from '../../policy/client-match';
import { TEMPLATES } from '../../policy/templates';
import { parseDnsblSite, parseDnsblSites } from './dnsbl-sites';
import { parseMapSource, tableRef } from './map-source';
import type { MasterEntry } from './master-cf';
import { splitList } from './postconf-output';
import { parseRestrictions, RESTRICTION_PARAMETERS, type Restriction } from './restrictions';
import { CHECKS_CLASS, HOST_NAMES_ONLY, RBL_CLASS } from './smtpd-checks';
import type { ImportFinding } from '../compiled';

export type { ImportFinding } from '../compiled';

export interface ConfigReader {
  /** All parameters (postconf), defaults included. */
  parameters: Record<string, string>;
  master: MasterEntry[];
  /** A file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): Promise<string | undefined>;
  /** The running postgrey's options, if any. */
  postgreyOptions: string[];
  postgreyInUse: boolean;
}

export interface ImportResult {
  policy: Policy;
  findings: ImportFinding[];
}

/** Restrictions that are the site's plumbing, not filtering policy: kept around mxwarden's class. */
const SITE_PLUMBING = new Set([
  'permit_mynetworks',
  'permit_sasl_authenticated',
  'permit_tls_clientcerts',
  'permit_tls_all_clientcerts',
  'reject_unauth_destination',
  'defer_unauth_destination',
  'reject_unlisted_recipient',
  'reject_unlisted_sender',
  'reject_unauth_pipelining',
  'permit_auth_destination',
  'permit',
  'reject',
  'defer',
  'dunno',
  CHECKS_CLASS,
  RBL_CLASS,
]);

function secondsOf(v: string | undefined, fallback: number): number {
  if (!v) return fallback;
  // ${stress?{2}:{6}}s — take the normal (non-stress) value.
  const stress = /\$\{stress\?\{?([^}:]+)\}?:\{?([^}]+)\}?\}/.exec(v);
  const text = stress ? `${stress[2]}${v.slice((stress.index ?? 0) + stress[0].length)}` : v;
  const m = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!m) return fallback;
  const n = Number(m[1]);
  return m[2] === 'm' ? n * 60 : m[2] === 'h' ? n * 3600 : m[2] === 'd' ? n * 86400 : n;
}

function option(options: string[], name: string): string | undefined {
  const o = options.find((x) => x === `--${name}` || x.startsWith(`--${name}=`));
  return o?.includes('=') ? o.slice(o.indexOf('=') + 1) : o ? '' : undefined;
}

export async function importConfig(reader: ConfigReader): Promise<ImportResult> {
  const p = reader.parameters;
  const policy = TEMPLATES.empty();
  policy.name = 'Imported';
  const findings: ImportFinding[] = [];
  const imported = (where: string, what: string) =>
    findings.push({ where, what, status: 'imported' });
  const notRepresented = (where: string, what: string, why: string) =>
    findings.push({ where, what, status: 'not-represented', why });
  const postscreen = reader.master.some((m) => m.type === 'inet' && m.command === 'postscreen');

  // --- postscreen
  if (postscreen) {
    const sites = parseDnsblSites(p.postscreen_dnsbl_sites);
    const ignore = p.postscreen_dnsbl_action === 'ignore';
    policy.dnsbl.lists = sites.map((s) => ({
      zone: s.zone,
      ...(s.filter ? { filter: s.filter } : {}),
      weight: s.weight === 0 ? 1 : s.weight,
      ipv6: false,
      enabled: true,
      dryRun: ignore || s.weight === 0,
    }));
    for (const s of sites)
      imported('postscreen_dnsbl_sites', `${s.zone}${s.filter ? `=${s.filter}` : ''}*${s.weight}`);
    if (p.postscreen_dnsbl_action === 'drop')
      notRepresented(
        'postscreen_dnsbl_action',
        'drop',
        'the policy rejects (enforce); "drop" closes the connection instead',
      );
    policy.dnsbl.threshold = Math.max(1, Number(p.postscreen_dnsbl_threshold ?? 1) || 1);
    policy.dnsbl.allowlistThreshold = Math.min(
      0,
      Number(
        p.postscreen_dnsbl_allowlist_threshold ?? p.postscreen_dnsbl_whitelist_threshold ?? 0,
      ) || 0,
    );
    policy.earlyTalker = {
      enabled: (p.postscreen_greet_action ?? 'ignore') !== 'ignore',
      greetWaitSeconds: Math.min(60, Math.max(1, secondsOf(p.postscreen_greet_wait, 6))),
      action: (['enforce', 'drop', 'ignore'].includes(p.postscreen_greet_action ?? '')
        ? p.postscreen_greet_action
        : 'ignore') as 'enforce' | 'drop' | 'ignore',
    };
    for (const ref of splitList(p.postscreen_access_list)) {
      if (ref === 'permit_mynetworks') continue;
      await importClientTable(reader, ref, 'postscreen_access_list', policy, findings, {
        permit: 'allow',
        reject: 'deny',
      });
    }
  }

  // --- smtpd restrictions: the recipient list and the lists of the SMTP dialogue before it
  const classes = new Set(splitList(p.smtpd_restriction_classes));
  const steps: { where: string; r: Restriction; warn: boolean }[] = [];
  for (const param of RESTRICTION_PARAMETERS) {
    let warn = false;
    for (const r of parseRestrictions(p[param])) {
      if (r.name === 'warn_if_reject') {
        warn = true;
        continue;
      }
      // A restriction class expands in place (including an earlier mxwarden_checks).
      const expanded = classes.has(r.name) ? parseRestrictions(p[r.name]) : [r];
      for (const x of expanded)
        steps.push({ where: classes.has(r.name) ? `${param} → ${r.name}` : param, r: x, warn });
      warn = false;
    }
  }
  const codeDefers = (name: string) =>
    (Number(p[name]) || 0) >= 400 && (Number(p[name]) || 0) < 500;
  for (const { where, r, warn } of steps) {
    const text = r.arg ? `${r.name} ${r.arg}` : r.name;
    const action = (deferCode: string) => ({
      action: codeDefers(deferCode) ? ('defer' as const) : ('reject' as const),
      dryRun: warn,
    });
    switch (r.name) {
      case 'reject_invalid_helo_hostname':
        policy.helo.invalid = action('invalid_hostname_reject_code');
        imported(where, text);
        break;
      case 'reject_non_fqdn_helo_hostname':
        policy.helo.nonFqdn = action('non_fqdn_reject_code');
        imported(where, text);
        break;
      case 'reject_unknown_client_hostname':
        policy.rdns = { require: 'fcrdns', action: action('unknown_client_reject_code') };
        imported(where, text);
        break;
      case 'reject_unknown_reverse_client_hostname':
        if (policy.rdns.require !== 'fcrdns')
          policy.rdns = { require: 'ptr', action: action('unknown_client_reject_code') };
        imported(where, text);
        break;
      case 'reject_rbl_client':
      case 'permit_dnswl_client': {
        if (postscreen) {
          notRepresented(
            where,
            text,
            'the server also runs postscreen: the policy scores DNS lists there, not per smtpd restriction',
          );
          break;
        }
        const s = parseDnsblSite(r.arg ?? '');
        const list: DnsList = {
          zone: s.zone,
          ...(s.filter ? { filter: s.filter } : {}),
          weight: r.name === 'permit_dnswl_client' ? -1 : 1,
          ipv6: false,
          enabled: true,
          dryRun: warn,
        };
        policy.dnsbl.lists.push(list);
        policy.dnsbl.threshold = 1;
        imported(where, text);
        break;
      }
      case 'check_client_access':
        await importClientTable(reader, r.arg ?? '', where, policy, findings, {
          OK: 'allow',
          REJECT: 'deny',
        });
        break;
      case 'check_sender_access':
        await importAddressTable(reader, r.arg ?? '', where, findings, (key, verb) => {
          const entry: SenderEntry = { value: key, requireSpf: false, source: 'import' };
          if (verb === 'OK') policy.senders.allow.push(entry);
          else policy.senders.deny.push(entry);
        });
        break;
      case 'check_recipient_access':
        await importAddressTable(reader, r.arg ?? '', where, findings, (key, verb) => {
          if (verb === 'OK') policy.recipients.exempt.push({ value: key, source: 'import' });
          else return false;
          return true;
        });
        break;
      case 'check_policy_service': {
        const arg = r.arg ?? '';
        if (
          reader.postgreyInUse &&
          (looksLikePostgrey(reader.postgreyOptions, arg) || /postgrey|:10023$/.test(arg))
        ) {
          policy.greylisting.enabled = true;
          policy.greylisting.dryRun = warn;
          imported(where, text);
        } else notRepresented(where, text, 'a policy service other than postgrey');
        break;
      }
      default:
        if (SITE_PLUMBING.has(r.name))
          findings.push({
            where,
            what: text,
            status: 'kept',
            why: "the site's own plumbing: kept around mxwarden's checks",
          });
        else
          notRepresented(where, text, 'not part of the policy model: stays on the server as it is');
    }
  }

  // --- postgrey
  if (policy.greylisting.enabled) {
    const o = reader.postgreyOptions;
    const num = (name: string, fallback: number) => {
      const v = option(o, name);
      return v === undefined || v === '' ? fallback : Number.parseInt(v, 10) || fallback;
    };
    const g = policy.greylisting;
    g.delaySeconds = num('delay', 300);
    g.maxAgeDays = num('max-age', 35);
    const rw = option(o, 'retry-window');
    g.retryWindowHours =
      rw === undefined
        ? 48
        : rw.endsWith('h')
          ? Number.parseInt(rw, 10) || 48
          : (Number.parseInt(rw, 10) || 2) * 24;
    g.autoWhitelistAfter = num('auto-whitelist-clients', 5);
    g.perHost = option(o, 'lookup-by-host') !== undefined;
    g.ipv4Prefix = num('ipv4cidr', 24);
    g.ipv6Prefix = num('ipv6cidr', 64);
    const clientFiles = o
      .filter((x) => x.startsWith('--whitelist-clients='))
      .map((x) => x.slice('--whitelist-clients='.length));
    const recipientFiles = o
      .filter((x) => x.startsWith('--whitelist-recipients='))
      .map((x) => x.slice('--whitelist-recipients='.length));
    for (const f of clientFiles.length
      ? clientFiles.filter((x) => !x.endsWith('/whitelist_clients'))
      : ['/etc/postgrey/whitelist_clients.local']) {
      const text = await reader.readFile(f);
      for (const l of text ? parseMapSource(text) : []) {
        const v = l.key;
        const r = parseClientPattern(v);
        if (r.ok) {
          g.exceptions.clients.push({ value: v, source: 'import' });
          imported(`${f}:${l.line}`, v);
        } else notRepresented(`${f}:${l.line}`, v, r.message);
      }
    }
    for (const f of recipientFiles.length
      ? recipientFiles.filter((x) => !x.endsWith('/whitelist_recipients'))
      : ['/etc/postgrey/whitelist_recipients.local']) {
      const text = await reader.readFile(f);
      for (const l of text ? parseMapSource(text) : []) {
        g.exceptions.recipients.push({ value: l.key, source: 'import' } satisfies RecipientEntry);
        imported(`${f}:${l.line}`, l.key);
      }
    }
  }
  return { policy, findings };
}

function looksLikePostgrey(options: string[], service: string): boolean {
  const inet = option(options, 'inet');
  return inet !== undefined && service.endsWith(`:${inet.split(':').pop() ?? ''}`);
}

/** A client table: each line to the allowlist or the denylist by its action. */
async function importClientTable(
  reader: ConfigReader,
  ref: string,
  where: string,
  policy: Policy,
  findings: ImportFinding[],
  verbs: Record<string, 'allow' | 'deny'>,
): Promise<void> {
  const t = tableRef(ref);
  if (!t || !['cidr', 'hash', 'btree', 'lmdb', 'texthash', 'regexp', 'pcre'].includes(t.type)) {
    findings.push({
      where,
      what: ref,
      status: 'not-represented',
      why: 'a table type mxwarden cannot read',
    });
    return;
  }
  const text = await reader.readFile(t.file);
  if (text === undefined) {
    findings.push({
      where,
      what: ref,
      status: 'not-represented',
      why: `${t.file} could not be read`,
    });
    return;
  }
  for (const l of parseMapSource(text)) {
    // mxwarden's own guard around client regexes (host names only) is the policy's meaning.
    if ((l.key === 'if' && l.value === HOST_NAMES_ONLY) || (l.key === 'endif' && !l.value))
      continue;
    const verb = l.value.split(/\s+/)[0] ?? '';
    const kind =
      verbs[verb] ?? verbs[verb.toUpperCase()] ?? (/^5\d\d/.test(verb) ? 'deny' : undefined);
    const value =
      t.type === 'regexp' || t.type === 'pcre'
        ? l.key.replace(/^\/(.*)\/[a-zA-Z]*$/, '/$1/')
        : l.key;
    const at = `${t.file}:${l.line}`;
    if (!kind) {
      findings.push({
        where: at,
        what: `${l.key} ${l.value}`,
        status: 'not-represented',
        why: `the action "${verb}" is not allow or deny`,
      });
      continue;
    }
    const p = parseClientPattern(value);
    if (!p.ok) {
      findings.push({
        where: at,
        what: `${l.key} ${l.value}`,
        status: 'not-represented',
        why: p.message,
      });
      continue;
    }
    const entry: ClientEntry = {
      value,
      source: 'import',
      ...(kind === 'allow' && where === 'postscreen_access_list'
        ? { scope: 'postscreen' as const }
        : {}),
    };
    const list = kind === 'allow' ? policy.clients.allow : policy.clients.deny;
    // The same entry from postscreen's list and smtpd's: once, with the wider scope.
    const existing = list.find((e) => e.value === value);
    if (existing) {
      if (kind === 'allow' && where !== 'postscreen_access_list') delete existing.scope;
    } else list.push(entry);
    findings.push({ where: at, what: `${l.key} ${l.value}`, status: 'imported' });
  }
}

async function importAddressTable(
  reader: ConfigReader,
  ref: string,
  where: string,
  findings: ImportFinding[],
  add: (key: string, verb: string) => boolean | void,
): Promise<void> {
  const t = tableRef(ref);
  const text = t ? await reader.readFile(t.file) : undefined;
  if (!t || text === undefined) {
    findings.push({
      where,
      what: ref,
      status: 'not-represented',
      why: t ? `${t.file} could not be read` : 'not a table reference',
    });
    return;
  }
  for (const l of parseMapSource(text)) {
    const verb = (l.value.split(/\s+/)[0] ?? '').toUpperCase();
    const at = `${t.file}:${l.line}`;
    let key = l.key.toLowerCase();
    if (t.type === 'regexp' || t.type === 'pcre') {
      // Our own exact-domain pattern reads back as @domain; other patterns stay on the server.
      const m = /^\/@(.+)\$\/[a-z]*$/.exec(l.key);
      if (!m?.[1]) {
        findings.push({
          where: at,
          what: `${l.key} ${l.value}`,
          status: 'not-represented',
          why: 'an address pattern the policy cannot hold',
        });
        continue;
      }
      key = `@${m[1].replace(/\\(.)/g, '$1')}`;
    }
    const verbOk = verb === 'OK' || verb === 'REJECT' || /^5\d\d$/.test(verb);
    if (!verbOk || add(key, verb === 'OK' ? 'OK' : 'REJECT') === false) {
      findings.push({
        where: at,
        what: `${l.key} ${l.value}`,
        status: 'not-represented',
        why: `the action "${verb}" is not represented`,
      });
      continue;
    }
    findings.push({ where: at, what: `${l.key} ${l.value}`, status: 'imported' });
  }
}
