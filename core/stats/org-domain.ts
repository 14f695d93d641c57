// The organisational domain of an address or host name (public-suffix aware, with tldts):
// mail.shop.example.co.uk → example.co.uk. Remembered, since a log names few domains many times.
// Runtime: pure.

import { getDomain } from 'tldts';

const cache = new Map<string, string | null>();
const MAX = 20_000;

/** The part after the last @ (or the whole text for a host name), lower-cased; null when none. */
export function domainOf(address: string): string | null {
  const at = address.lastIndexOf('@');
  const domain = (at < 0 ? address : address.slice(at + 1)).trim().toLowerCase().replace(/\.$/, '');
  return domain === '' ? null : domain;
}

/** example.co.uk for x@mail.example.co.uk; null for the null sender or an empty name. */
export function orgDomain(addressOrHost: string): string | null {
  const domain = domainOf(addressOrHost);
  if (domain === null) return null;
  let org = cache.get(domain);
  if (org === undefined) {
    // Names under no known suffix (lab.example, a typo) are taken as they are.
    org = getDomain(domain) ?? domain;
    if (cache.size >= MAX) cache.clear();
    cache.set(domain, org);
  }
  return org;
}
