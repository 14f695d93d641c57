// Matching envelope addresses against policy entries. Recipients follow postgrey's
// whitelist_recipients forms (domain, name@, name@domain with +extensions, /regex/); senders
// are an address, @domain, or a domain with its subdomains. Runtime: pure.

const split = (address: string): { local: string; domain: string } => {
  const a = address.trim().toLowerCase().replace(/^<|>$/g, '');
  const at = a.lastIndexOf('@');
  return at < 0 ? { local: a, domain: '' } : { local: a.slice(0, at), domain: a.slice(at + 1) };
};

const domainMatches = (domain: string, entry: string) =>
  domain === entry || domain.endsWith(`.${entry}`);

export function recipientMatches(entry: string, recipient: string): boolean {
  const raw = entry.trim();
  // The pattern keeps its case: lower-casing it would turn \D into \d and \S into \s.
  if (raw.startsWith('/') && raw.endsWith('/') && raw.length > 2)
    return new RegExp(raw.slice(1, -1), 'i').test(recipient);
  const e = raw.toLowerCase();
  const { local, domain } = split(recipient);
  const base = local.replace(/\+.*$/, '');
  const at = e.indexOf('@');
  if (at < 0) return domainMatches(domain, e);
  const eLocal = e.slice(0, at);
  const eDomain = e.slice(at + 1);
  return (base === eLocal || local === eLocal) && (eDomain === '' || domain === eDomain);
}

export function senderMatches(entry: string, sender: string): boolean {
  const e = entry.trim().toLowerCase();
  const { local, domain } = split(sender);
  if (e.startsWith('@')) return domain === e.slice(1);
  const at = e.indexOf('@');
  if (at < 0) return domainMatches(domain, e);
  return `${local}@${domain}` === e;
}

/** An entry whose expiry date has passed no longer applies. */
export function isActive(entry: { expires?: string | undefined }, nowMs: number): boolean {
  return (
    !entry.expires ||
    Date.parse(entry.expires.length === 10 ? `${entry.expires}T23:59:59Z` : entry.expires) >= nowMs
  );
}
