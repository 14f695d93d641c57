// Client and sender entries split into the table types Postfix can look them up in: cidr for
// addresses and networks, texthash for names and domains, regexp for patterns. Runtime: pure.

import { parseClientPattern } from '../../policy/client-match';
import type { ClientEntry, SenderEntry } from '../../policy/schema';
import { escapeRegex, MapWriter, regexKey, toPosixRegex } from './map-file';

export interface TableSet {
  cidr: MapWriter;
  names: MapWriter;
  regexp: MapWriter;
}

export const tableSet = (header: (kind: string) => string): TableSet => ({
  cidr: new MapWriter(header('addresses and networks (cidr)')),
  names: new MapWriter(header('host names and domains (texthash)')),
  regexp: new MapWriter(header('patterns (regexp)')),
});

export interface Problem {
  value: string;
  why: string;
}

/** Adds client entries to the set; returns those no table can hold (said, never dropped). */
export function addClients(
  set: TableSet,
  entries: ClientEntry[],
  action: string,
  opts: { addressesOnly?: boolean } = {},
): Problem[] {
  const problems: Problem[] = [];
  for (const e of entries) {
    const p = parseClientPattern(e.value);
    if (!p.ok) {
      problems.push({ value: e.value, why: p.message });
      continue;
    }
    const note = e.note;
    switch (p.pattern.kind) {
      case 'ip':
        set.cidr.entry(p.pattern.address, action, note);
        break;
      case 'cidr':
        set.cidr.entry(`${p.pattern.network}/${p.pattern.prefix}`, action, note);
        break;
      case 'domain':
        if (opts.addressesOnly)
          problems.push({ value: e.value, why: 'this table knows addresses only, not host names' });
        // Postfix's access maps match a domain's subdomains too (parent_domain_matches_subdomains).
        else set.names.entry(p.pattern.domain, action, note);
        break;
      case 'regex': {
        const posix = toPosixRegex(p.pattern.source);
        if (opts.addressesOnly)
          problems.push({ value: e.value, why: 'this table knows addresses only, not host names' });
        else if (posix === undefined)
          problems.push({
            value: e.value,
            why: 'the pattern uses features POSIX regular expressions lack (lookaround, back-references, lazy quantifiers)',
          });
        else set.regexp.entry(regexKey(posix), action, note);
        break;
      }
    }
  }
  return problems;
}

/** Sender entries: user@domain and domain (with its subdomains) in texthash, @domain exactly as a pattern. */
export function addSenders(set: TableSet, entries: SenderEntry[], action: string): void {
  for (const e of entries) {
    const v = e.value.toLowerCase();
    if (v.startsWith('@'))
      set.regexp.entry(regexKey(`@${escapeRegex(v.slice(1))}$`), action, e.note);
    else set.names.entry(v, action, e.note);
  }
}
