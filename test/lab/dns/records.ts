// The authoritative data of the lab DNS, generated from the Internet description plus the lab's
// own hosts (ns and the mail servers under lab.example), and the lookup that answers from it with
// NOERROR / NODATA / NXDOMAIN / REFUSED as a real authoritative server would.
// Runtime: Node (lab) — pure, no I/O (the DNS front process and the tests both use it).

import type { Internet } from '../internet';
import { reverseName } from '../ip';

export const LAB_ZONE = 'lab.example';
export const NS_NAME = `ns.${LAB_ZONE}`;
export const HOSTMASTER = `hostmaster.${LAB_ZONE}`;
/** TTL of the lab's records; also the negative-caching TTL (SOA minimum). */
export const RECORD_TTL = 300;
export const NEGATIVE_TTL = 60;

export type RecordType = 'A' | 'AAAA' | 'PTR' | 'TXT' | 'MX' | 'NS' | 'SOA';

export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

export type ZoneRecord =
  | { name: string; type: 'A' | 'AAAA' | 'PTR' | 'NS'; ttl: number; data: string }
  | { name: string; type: 'TXT'; ttl: number; data: string[] }
  | { name: string; type: 'MX'; ttl: number; data: { preference: number; exchange: string } }
  | { name: string; type: 'SOA'; ttl: number; data: SoaData };

export interface LabHost {
  /** Absolute name under lab.example, e.g. mx1.lab.example. */
  name: string;
  address: string;
}

export interface Authority {
  zones: string[];
  byName: Map<string, ZoneRecord[]>;
}

export interface AuthorityAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'REFUSED';
  answers: ZoneRecord[];
  authorities: ZoneRecord[];
}

/** TXT strings longer than 255 bytes are sent as several character-strings of one record. */
function txtChunks(text: string): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 255) chunks.push(text.slice(i, i + 255));
  return chunks.length > 0 ? chunks : [''];
}

function soaFor(zone: string): ZoneRecord {
  return {
    name: zone,
    type: 'SOA',
    ttl: NEGATIVE_TTL,
    data: {
      mname: NS_NAME,
      rname: HOSTMASTER,
      serial: 1,
      refresh: 3600,
      retry: 600,
      expire: 86400,
      minimum: NEGATIVE_TTL,
    },
  };
}

export function zoneOf(name: string, zones: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const z of zones) {
    if ((name === z || name.endsWith(`.${z}`)) && (!best || z.length > best.length)) best = z;
  }
  return best;
}

/**
 * Everything the lab serves with authority. `labHosts` are the lab's own names (ns and the mail
 * servers); the lab.example zone also carries the MX of the recipients' domain.
 */
export function buildAuthority(internet: Internet, labHosts: readonly LabHost[]): Authority {
  const zones = [LAB_ZONE, ...internet.domains.map((d) => d.zone), ...internet.reverseZones];
  const byName = new Map<string, ZoneRecord[]>();
  const add = (record: ZoneRecord) => {
    const name = record.name.toLowerCase();
    if (!zoneOf(name, zones)) {
      throw new Error(`Lab DNS record ${name} ${record.type} is outside every served zone`);
    }
    const list = byName.get(name) ?? [];
    list.push({ ...record, name });
    byName.set(name, list);
  };
  const addAddress = (name: string, address: string) =>
    add({ name, type: address.includes(':') ? 'AAAA' : 'A', ttl: RECORD_TTL, data: address });

  for (const zone of zones) {
    add(soaFor(zone));
    add({ name: zone, type: 'NS', ttl: RECORD_TTL, data: NS_NAME });
  }
  for (const host of labHosts) addAddress(host.name, host.address);
  labHosts
    .filter((h) => h.name !== NS_NAME)
    .forEach((h, i) =>
      add({
        name: LAB_ZONE,
        type: 'MX',
        ttl: RECORD_TTL,
        data: { preference: 10 * (i + 1), exchange: h.name },
      }),
    );

  for (const domain of internet.domains) {
    for (const [name, rrs] of Object.entries(domain.records)) {
      for (const a of rrs.a ?? []) addAddress(name, a);
      for (const a of rrs.aaaa ?? []) addAddress(name, a);
      for (const mx of rrs.mx ?? []) add({ name, type: 'MX', ttl: RECORD_TTL, data: { ...mx } });
      for (const t of rrs.txt ?? [])
        add({ name, type: 'TXT', ttl: RECORD_TTL, data: txtChunks(t) });
    }
  }

  for (const client of internet.clients) {
    const { rdns } = client;
    if (rdns.kind === 'none') continue;
    add({ name: reverseName(client.address), type: 'PTR', ttl: RECORD_TTL, data: rdns.name });
    if (rdns.kind === 'confirmed') {
      // Forward confirmation is what "confirmed" means: the name's address record is implied.
      const existing = byName.get(rdns.name.toLowerCase()) ?? [];
      if (!existing.some((r) => r.data === client.address)) addAddress(rdns.name, client.address);
    } else {
      for (const a of rdns.resolvesTo ?? []) {
        const existing = byName.get(rdns.name.toLowerCase()) ?? [];
        if (!existing.some((r) => r.data === a)) addAddress(rdns.name, a);
      }
    }
  }
  return { zones, byName };
}

/** Answers one question from the authoritative data. */
export function lookup(authority: Authority, qname: string, qtype: string): AuthorityAnswer {
  const name = qname.toLowerCase().replace(/\.$/, '');
  const zone = zoneOf(name, authority.zones);
  if (!zone) return { rcode: 'REFUSED', answers: [], authorities: [] };
  const soa = authority.byName.get(zone)?.find((r) => r.type === 'SOA');
  const negative = soa ? [soa] : [];
  const records = authority.byName.get(name);
  if (records) {
    const answers = qtype === 'ANY' ? records : records.filter((r) => r.type === qtype);
    return { rcode: 'NOERROR', answers, authorities: answers.length > 0 ? [] : negative };
  }
  // A name with records below it exists (empty non-terminal): NODATA, not NXDOMAIN.
  const suffix = `.${name}`;
  for (const owner of authority.byName.keys()) {
    if (owner.endsWith(suffix)) return { rcode: 'NOERROR', answers: [], authorities: negative };
  }
  return { rcode: 'NXDOMAIN', answers: [], authorities: negative };
}
