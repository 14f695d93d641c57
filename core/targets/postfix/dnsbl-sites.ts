// postscreen_dnsbl_sites and reject_rbl_client arguments: zone[=filter][*weight].
// Runtime: pure.

import { splitList } from './postconf-output';

export interface DnsblSite {
  zone: string;
  /** Return-code filter as written, e.g. '127.0.0.[2..11]' or '127.0.[0..255].[1;2;3]'. */
  filter?: string;
  /** Integer; negative for allowlists (DNSWL). Default 1. */
  weight: number;
}

export function parseDnsblSite(text: string): DnsblSite {
  const star = text.lastIndexOf('*');
  let head = text;
  let weight = 1;
  if (star > 0) {
    const w = Number(text.slice(star + 1));
    if (!Number.isInteger(w))
      throw new Error(`"${text}": the weight after * must be a whole number`);
    weight = w;
    head = text.slice(0, star);
  }
  const eq = head.indexOf('=');
  const zone = eq >= 0 ? head.slice(0, eq) : head;
  if (!zone) throw new Error(`"${text}" names no DNS zone`);
  return eq >= 0 ? { zone, filter: head.slice(eq + 1), weight } : { zone, weight };
}

export function parseDnsblSites(value: string | undefined): DnsblSite[] {
  return splitList(value).map(parseDnsblSite);
}
