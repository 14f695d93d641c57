// HELO/EHLO checks as Postfix applies them (reject_invalid_helo_hostname,
// reject_non_fqdn_helo_hostname, a table of our own names): which names pass is Postfix's
// valid_hostname()/valid_hostaddr()/valid_mailhost_addr(), measured against the real server by
// the conformance suite — not RFC 5321's stricter grammar. Runtime: pure.

import ipaddr from 'ipaddr.js';
import { REPLIES } from '../engine/replies';
import type { CheckAction } from '../policy/schema';
import { fired } from './action';
import { result, type CheckContext, type CheckResult } from './check';

export type HeloClass = 'fqdn' | 'address-literal' | 'non-fqdn' | 'invalid';

/** Postfix's valid_ipv4_hostaddr(): four decimal octets ≤ 255 (leading zeros allowed), not 0.x.y.z. */
function validIpv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d+$/.test(p) || Number(p) > 255)) return false;
  return Number(parts[0]) !== 0 || /^[0.]+$/.test(s);
}

const validIpv6 = (s: string) => !s.includes('%') && ipaddr.IPv6.isValid(s);

/** valid_hostaddr(): a bare IPv4 or IPv6 address. */
const validHostaddr = (s: string) => (s.includes(':') ? validIpv6(s) : validIpv4(s));

/**
 * Postfix's valid_hostname(): letters, digits and "_" (Postfix allows it), inner hyphens, labels
 * of 1..63, at most 255 in all, and not all digits (that is an address, not a name).
 */
function validHostname(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  if (!/[^\d.]/.test(name)) return false;
  return name.split('.').every((l) => /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(l));
}

/** The inside of an address literal: "[192.0.2.1]" or "[IPv6:2001:db8::1]" (the tag is required). */
function validLiteral(helo: string): boolean {
  const inner = helo.length > 2 && helo.endsWith(']') ? helo.slice(1, -1) : helo;
  return /^ipv6:/i.test(inner) ? validIpv6(inner.slice(5)) : validIpv4(inner);
}

/** Postfix drops one trailing dot before judging a name ("host." but not "host.."). */
const withoutRootDot = (h: string) => (h.endsWith('.') && !h.endsWith('..') ? h.slice(0, -1) : h);

/**
 * How Postfix's two HELO restrictions see a name: "invalid" fails reject_invalid_helo_hostname;
 * "non-fqdn" passes it but fails reject_non_fqdn_helo_hostname (a single label, or a bare address
 * such as 192.0.2.1 — valid as an address, not a host name); "fqdn" and "address-literal" pass both.
 */
export function classifyHelo(helo: string): HeloClass {
  if (helo.startsWith('[')) return validLiteral(helo) ? 'address-literal' : 'invalid';
  const h = withoutRootDot(helo);
  if (validHostname(h)) return h.includes('.') ? 'fqdn' : 'non-fqdn';
  return validHostaddr(h) ? 'non-fqdn' : 'invalid';
}

/**
 * reject_non_fqdn_helo_hostname judges an address literal with the literal check, and rejects a bad
 * one with invalid_hostname_reject_code (as set for the invalid-HELO action), not its own code.
 */
function literalAction(nonFqdn: CheckAction, invalid: CheckAction): CheckAction {
  if (nonFqdn.action !== 'reject' && nonFqdn.action !== 'defer') return nonFqdn;
  return { action: invalid.action === 'defer' ? 'defer' : 'reject', dryRun: nonFqdn.dryRun };
}

export function heloChecks(ctx: CheckContext): CheckResult[] {
  const helo = ctx.helo;
  if (helo === undefined)
    return [
      result({
        check: 'HELO',
        stage: 'smtpd',
        status: 'skipped',
        outcome: 'continue',
        detail: 'no HELO given',
      }),
    ];
  const cls = classifyHelo(helo);
  const { invalid, nonFqdn, claimsToBeUs, ourNames } = ctx.policy.helo;
  const out: CheckResult[] = [];
  if (cls === 'invalid') {
    out.push(
      fired(
        ctx,
        invalid,
        {
          check: 'HELO syntax',
          stage: 'smtpd',
          rule: 'helo.invalid',
          detail: `"${helo}" is not a valid host name or address literal`,
        },
        helo.startsWith('[') ? REPLIES.heloInvalidAddress(helo) : REPLIES.heloInvalid(helo),
      ),
    );
  } else {
    out.push(
      result({
        check: 'HELO syntax',
        stage: 'smtpd',
        status: 'miss',
        outcome: 'continue',
        detail: `"${helo}" is ${cls === 'fqdn' ? 'a fully-qualified name' : cls === 'address-literal' ? 'an address literal' : 'a valid name'}`,
      }),
    );
  }
  // Postfix's non-FQDN check rejects whatever is not a valid fully-qualified name, invalid ones too.
  if ((cls === 'non-fqdn' || cls === 'invalid') && nonFqdn.action !== 'off') {
    const literal = helo.startsWith('[');
    out.push(
      fired(
        ctx,
        literal ? literalAction(nonFqdn, invalid) : nonFqdn,
        {
          check: 'HELO is a FQDN',
          stage: 'smtpd',
          rule: literal ? 'helo.invalid' : 'helo.non-fqdn',
          detail: literal
            ? `"${helo}" is not a valid address literal`
            : `"${helo}" is not a fully-qualified host name`,
        },
        literal ? REPLIES.heloInvalidAddress(helo) : REPLIES.heloNonFqdn(helo),
      ),
    );
  }
  // A name with or without its root dot, an address with or without brackets: the same name.
  const bare = (n: string) =>
    n
      .toLowerCase()
      .replace(/\.$/, '')
      .replace(/^\[|\]$/g, '');
  if (claimsToBeUs.action !== 'off' && ourNames.some((n) => bare(n) === bare(helo))) {
    out.push(
      fired(
        ctx,
        claimsToBeUs,
        {
          check: 'HELO claims to be us',
          stage: 'smtpd',
          rule: 'helo.claims-us',
          detail: `"${helo}" is one of our own names`,
        },
        REPLIES.heloClaimsUs(helo),
      ),
    );
  }
  return out;
}
