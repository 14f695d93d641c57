// HELO/EHLO checks (RFC 5321 §4.1.3 and §2.3.5): a fully-qualified domain name or an address
// literal; invalid, non-FQDN, or claiming to be us. Runtime: pure.

import { REPLIES } from '../engine/replies';
import { parseIp } from '../net/ip';
import { isHostName } from '../policy/client-match';
import { fired } from './action';
import { result, type CheckContext, type CheckResult } from './check';

export type HeloClass = 'fqdn' | 'address-literal' | 'non-fqdn' | 'invalid';

/** As Postfix's reject_invalid_helo_hostname / reject_non_fqdn_helo_hostname see it. */
export function classifyHelo(helo: string): HeloClass {
  const h = helo.trim();
  if (/^\[.*\]$/.test(h)) return parseIp(h.slice(1, -1)) ? 'address-literal' : 'invalid';
  // A bare address is not a host name (Postfix: "numeric hostname").
  if (/^[\d.]+$/.test(h) || h.includes(':')) return 'invalid';
  const name = h.replace(/\.$/, '');
  if (!isHostName(name) || name.includes('_')) return 'invalid';
  return name.includes('.') ? 'fqdn' : 'non-fqdn';
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
        REPLIES.heloInvalid(helo),
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
  if (cls === 'non-fqdn' && nonFqdn.action !== 'off') {
    out.push(
      fired(
        ctx,
        nonFqdn,
        {
          check: 'HELO is a FQDN',
          stage: 'smtpd',
          rule: 'helo.non-fqdn',
          detail: `"${helo}" is not fully qualified`,
        },
        REPLIES.heloNonFqdn(helo),
      ),
    );
  }
  const lower = helo.toLowerCase().replace(/\.$/, '');
  if (
    claimsToBeUs.action !== 'off' &&
    ourNames.some((n) => n.toLowerCase().replace(/^\[|\]$/g, '') === lower.replace(/^\[|\]$/g, ''))
  ) {
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
