// Where a dnsblog line becomes a per-list hit: postscreen itself logs only the combined rank,
// dnsblog names each list that answered — `addr 1.2.3.4 listed by domain zen.spamhaus.org as
// 127.0.0.4`. An allowlist (DNSWL) answers the same way: a zone the caller names as one, or
// whose name says so, becomes a dnswl:<zone> rule. Runtime: pure.

import { dnsblRule, dnswlRule } from '../../policy/rules';
import { event } from '../build';
import type { DnsblHitEvent, LineHeader } from '../events';

const LISTED = /^addr (\S+) (?:listed|blocked) by domain (\S+?)\.? as (\S+)$/;

/** Zones that name themselves allowlists: list.dnswl.org, swl.spamhaus.org, wl.mailspike.net … */
const LOOKS_ALLOWLIST = /(?:^|\.)(?:[a-z]*wl|whitelist|allowlist)\.|dnswl/;

export function isAllowlistZone(
  zone: string,
  allowlists: ReadonlySet<string> | undefined,
): boolean {
  return allowlists ? allowlists.has(zone) : LOOKS_ALLOWLIST.test(zone);
}

export function parseDnsblog(
  body: string,
  h: LineHeader,
  allowlists: ReadonlySet<string> | undefined,
): DnsblHitEvent | undefined {
  const m = LISTED.exec(body);
  if (!m) return undefined;
  const list = (m[2] as string).toLowerCase();
  return event(h, {
    kind: 'dnsbl.hit',
    clientAddress: m[1] as string,
    list,
    answer: m[3] as string,
    ruleId: isAllowlistZone(list, allowlists) ? dnswlRule(list) : dnsblRule(list),
  });
}
