// The mxwarden_checks restriction class: smtpd's steps in the engine's order (core/engine/
// stages.ts) — exempt recipients, client deny then allow, sender deny then allow, HELO, reverse
// DNS, RBLs when there is no postscreen, then greylisting. Runtime: pure.

import type { CheckAction, Policy } from '../../policy/schema';
import { addClients, addSenders, tableSet } from './client-tables';
import { escapeRegex, regexKey, toPosixRegex } from './map-file';
import type { CompileContext } from './compile-context';

export const CHECKS_CLASS = 'mxwarden_checks';
export const RBL_CLASS = 'mxwarden_rbl';
/** Restriction classes of senders allowed from their pinned SPF ranges: mxwarden_spf_1, … */
export const SPF_CLASS_PREFIX = 'mxwarden_spf_';

/**
 * check_client_access tries a regexp table on the client's name and then on its address, and the
 * name of a client without a verified name is "unknown" (access(5), REGULAR EXPRESSION TABLES).
 * The policy's client regexes are about verified host names: the table skips the other strings.
 */
export const HOST_NAMES_ONLY = '!/^([0-9.]+|.*:.*|unknown)$/';

function tables(c: CompileContext, stem: string, what: string) {
  const set = tableSet((kind) => c.header(`${what}: ${kind}`));
  return {
    set,
    refs: () =>
      [
        c.table('cidr', `${stem}.cidr`, set.cidr),
        c.table('texthash', `${stem}_names`, set.names),
        c.table('regexp', `${stem}.regexp`, set.regexp),
      ].filter((r): r is string => !!r),
  };
}

/** A check's action as restriction steps; undefined when this server cannot do it. */
function acting(
  c: CompileContext,
  rule: string,
  action: CheckAction,
  restriction: string,
): string[] {
  if (action.action === 'off') return [];
  if (action.action === 'greylist' || action.action === 'score') {
    c.cannot(
      rule,
      `"${action.action}" for ${rule} needs mxwarden's policy service; ${c.target.name} can only reject, defer or log it.`,
    );
    return [];
  }
  return action.dryRun ? ['warn_if_reject', restriction] : [restriction];
}

const codeFor = (a: CheckAction, reject: number) => (a.action === 'defer' ? '450' : String(reject));

/** One of our names as a pattern: optional brackets around it, an optional root dot after it. */
function ourNamePattern(name: string): string {
  // The schema refuses these already; a pattern with a space would still be a bad table line.
  if (/\s/.test(name))
    throw new Error(`refusing a HELO name with a space: ${JSON.stringify(name)}`);
  const bare = name
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[|\]$/g, '');
  return `^\\[?${escapeRegex(bare)}\\]?\\.?$`;
}

export function smtpdChecks(
  c: CompileContext,
  policy: Policy,
  greylistService: string | undefined,
): { checks: string[]; rbl: string[]; classes: Record<string, string> } {
  const steps: string[] = [];

  // 1. Recipients exempt from filtering.
  const exempt = c.newMap('recipients exempt from filtering (texthash)');
  const exemptRe = c.newMap('recipients exempt from filtering (regexp)');
  for (const r of policy.recipients.exempt) {
    if (r.value.startsWith('/')) {
      // The policy's regex is JavaScript; Postfix's regexp tables are POSIX (\d means "d" there).
      const posix = toPosixRegex(r.value.slice(1, -1));
      if (posix === undefined)
        c.cannot(
          `recipients.exempt ${r.value}`,
          'the pattern uses features POSIX regular expressions lack (lookaround, back-references, lazy quantifiers)',
        );
      else exemptRe.entry(regexKey(posix), 'OK', r.note);
    } else exempt.entry(r.value.toLowerCase(), 'OK', r.note);
  }
  for (const ref of [
    c.table('texthash', 'recipient_exempt', exempt),
    c.table('regexp', 'recipient_exempt.regexp', exemptRe),
  ])
    if (ref) steps.push(`check_recipient_access ${ref}`);

  // 2. Client deny, then allow (scope "all"): deny wins whatever table the allow sits in.
  const deny = tables(c, 'client_deny', 'client denylist');
  deny.set.regexp.onlyIf(HOST_NAMES_ONLY);
  for (const p of addClients(deny.set, policy.clients.deny, 'REJECT'))
    c.cannot(`clients.deny ${p.value}`, p.why);
  for (const ref of deny.refs()) steps.push(`check_client_access ${ref}`);
  const allow = tables(c, 'client_allow', 'client allowlist');
  allow.set.regexp.onlyIf(HOST_NAMES_ONLY);
  for (const p of addClients(
    allow.set,
    policy.clients.allow.filter((e) => (e.scope ?? 'all') === 'all'),
    'OK',
  ))
    c.cannot(`clients.allow ${p.value}`, p.why);
  for (const ref of allow.refs()) steps.push(`check_client_access ${ref}`);

  // 3. Senders: deny, then allow. "Only with SPF pass" is beyond Postfix's own tables.
  const sdeny = tables(c, 'sender_deny', 'sender denylist');
  addSenders(sdeny.set, policy.senders.deny, 'REJECT');
  for (const ref of sdeny.refs()) steps.push(`check_sender_access ${ref}`);
  const sallow = tables(c, 'sender_allow', 'sender allowlist');
  addSenders(
    sallow.set,
    policy.senders.allow.filter((s) => !s.requireSpf),
    'OK',
  );
  // A sender allowed only with SPF pass, whose SPF ranges were pinned: the sender selects a
  // restriction class that says OK only for a client inside those ranges.
  const spfClasses: Record<string, string> = {};
  const spfSenders = tables(c, 'sender_spf', 'senders allowed from their SPF ranges');
  policy.senders.allow
    .filter((x) => x.requireSpf && x.spfRanges?.length)
    .forEach((s, i) => {
      const name = `${SPF_CLASS_PREFIX}${i + 1}`;
      const ranges = c.newMap(`${s.value}: its SPF ranges (cidr)`);
      for (const r of s.spfRanges ?? []) ranges.entry(r, 'OK', s.note);
      const ref = c.table('cidr', `sender_spf_${i + 1}.cidr`, ranges);
      if (!ref) return;
      spfClasses[name] = `check_client_access ${ref}`;
      addSenders(spfSenders.set, [s], name);
    });
  for (const ref of spfSenders.refs()) steps.push(`check_sender_access ${ref}`);
  for (const s of policy.senders.allow.filter((x) => x.requireSpf && !x.spfRanges?.length)) {
    c.cannot(
      `senders.allow ${s.value}`,
      `allowlisting ${s.value} only when SPF passes needs mxwarden's policy service; ${c.target.name} cannot check SPF.`,
    );
  }
  for (const ref of sallow.refs()) steps.push(`check_sender_access ${ref}`);

  // 4. HELO.
  const h = policy.helo;
  steps.push(...acting(c, 'helo.invalid', h.invalid, 'reject_invalid_helo_hostname'));
  if (h.invalid.action !== 'off') c.set('invalid_hostname_reject_code', codeFor(h.invalid, 501));
  steps.push(...acting(c, 'helo.nonFqdn', h.nonFqdn, 'reject_non_fqdn_helo_hostname'));
  if (h.nonFqdn.action !== 'off') c.set('non_fqdn_reject_code', codeFor(h.nonFqdn, 504));
  if (h.claimsToBeUs.action !== 'off' && h.ourNames.length) {
    // A regexp table, not texthash: an access table's "mx1.example.org" also matches HELO
    // "x.mx1.example.org" (parent_domain_matches_subdomains) and misses "mx1.example.org." — the
    // policy means exactly these names, with or without the root dot or an address's brackets.
    const us = c.newMap('HELO names that are ours (regexp)');
    const verb = h.claimsToBeUs.action === 'defer' ? 'DEFER' : 'REJECT';
    for (const n of h.ourNames) us.entry(regexKey(ourNamePattern(n)), `${verb} You are not us`);
    const ref = c.table('regexp', 'helo_us.regexp', us);
    if (ref)
      steps.push(...acting(c, 'helo.claimsToBeUs', h.claimsToBeUs, `check_helo_access ${ref}`));
  }

  // 5. Reverse DNS (a temporary DNS failure always defers, as in the engine).
  if (policy.rdns.require !== 'none') {
    const r =
      policy.rdns.require === 'ptr'
        ? 'reject_unknown_reverse_client_hostname'
        : 'reject_unknown_client_hostname';
    const s = acting(c, 'rdns', policy.rdns.action, r);
    steps.push(...s);
    if (s.length) c.set('unknown_client_reject_code', codeFor(policy.rdns.action, 550));
  }

  // 6. RBLs, when there is no postscreen to score them: each list acts on its own.
  const rbl: string[] = [];
  if (!c.target.postscreen) {
    const lists = policy.dnsbl.lists.filter((l) => l.enabled);
    for (const l of lists.filter((x) => x.weight < 0)) {
      if (l.dryRun)
        c.notes.push(
          `A dry-run allowlist (${l.zone}) is left out: a "permit" cannot be logged without acting.`,
        );
      else rbl.push(`permit_dnswl_client ${l.zone}${l.filter ? `=${l.filter}` : ''}`);
    }
    for (const l of lists.filter((x) => x.weight > 0)) {
      const step = `reject_rbl_client ${l.zone}${l.filter ? `=${l.filter}` : ''}`;
      rbl.push(...(l.dryRun ? ['warn_if_reject', step] : [step]));
    }
    if (lists.length) {
      c.notes.push(
        `Without postscreen, each DNS list rejects (or allows) on its own: weights and the threshold ${policy.dnsbl.threshold} do not apply on ${c.target.name}.`,
      );
      // Clients allowlisted for DNS lists only skip the RBL class (addresses and networks).
      const select = c.newMap('which clients skip the DNS lists (cidr)');
      const skippers = policy.clients.allow.filter((x) => x.scope === 'dnsbl');
      for (const p of addClients(
        { cidr: select, names: select, regexp: select },
        skippers,
        'DUNNO',
        { addressesOnly: true },
      )) {
        c.cannot(
          `clients.allow ${p.value}`,
          `skipping only the DNS lists for ${p.value} needs postscreen or mxwarden's policy service (${p.why}).`,
        );
      }
      select.entry('0.0.0.0/0', RBL_CLASS);
      select.entry('::/0', RBL_CLASS);
      const ref = c.table('cidr', 'rbl_select.cidr', select);
      if (ref && rbl.length) steps.push(`check_client_access ${ref}`);
    }
  }

  // 7. SPF: Postfix has no SPF check of its own.
  const spfRules = [
    policy.spf.fail.action !== 'off' && 'spf.fail',
    policy.spf.softfail.action !== 'off' && 'spf.softfail',
  ].filter(Boolean);
  for (const r of spfRules)
    c.cannot(String(r), `SPF needs mxwarden's policy service; ${c.target.name} cannot check it.`);

  // 8. Greylisting.
  if (policy.greylisting.enabled) {
    if (greylistService)
      steps.push(
        ...(policy.greylisting.dryRun
          ? ['warn_if_reject', `check_policy_service ${greylistService}`]
          : [`check_policy_service ${greylistService}`]),
      );
    else
      c.cannot(
        'greylisting',
        `${c.target.name} has no greylisting policy service (postgrey is not installed).`,
      );
  }

  if (policy.quotas.enabled)
    c.cannot('quotas', 'quotas are not enforced by this version of mxwarden.');
  if (policy.reoffenders.enabled)
    c.cannot('reoffenders', 'reoffender escalation is not enforced by this version of mxwarden.');
  return { checks: steps, rbl, classes: spfClasses };
}
