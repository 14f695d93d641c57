// The review page's words: precisions, scopes, evidence badges, delays. Runtime: pure.

import type {
  ReviewItem,
  ReviewPrecision,
  ReviewScope,
  WhitelistPrecision,
} from '../../../core/app/api';

export const PRECISION_LABELS: Record<WhitelistPrecision, string> = {
  address: 'The address',
  network: 'The network',
  hostname: 'Host-name suffix',
  'sender-domain': 'Sender domain, only when SPF passes',
  provider: 'The whole provider',
};

export const SCOPE_LABELS: Record<ReviewScope, { label: string; hint: string }> = {
  greylisting: {
    label: 'Skip greylisting',
    hint: 'For one-time codes and password resets that must not wait.',
  },
  dnsbl: {
    label: 'Skip the DNS lists',
    hint: "Also postscreen's tests; HELO, reverse DNS and greylisting still apply.",
  },
  all: { label: 'Skip all checks', hint: 'Accepted without any further check.' },
};

export const SCOPES: ReviewScope[] = ['greylisting', 'dnsbl', 'all'];

/** The narrowest scope that undoes what hit the item: the DNS lists alone, or everything. */
export function defaultScope(rules: readonly string[]): ReviewScope {
  if (rules.length && rules.every((r) => r === 'greylist')) return 'greylisting';
  if (rules.length && rules.every((r) => r.startsWith('dnsbl'))) return 'dnsbl';
  return 'all';
}

/** Preferred precision: the SPF-validated domain (narrow and safe), the provider, the address. */
export function defaultPrecision(precisions: readonly ReviewPrecision[]): WhitelistPrecision {
  for (const p of ['sender-domain', 'provider', 'address'] as const)
    if (precisions.some((x) => x.precision === p)) return p;
  return precisions[0]?.precision ?? 'address';
}

export function evidenceBadges(item: ReviewItem): { text: string; title: string }[] {
  const e = item.evidence;
  const out: { text: string; title: string }[] = [];
  if (e.fcrdns) out.push({ text: 'FCrDNS', title: `Forward-confirmed reverse DNS: ${e.fcrdns}` });
  if (e.spfPass) out.push({ text: 'SPF pass', title: `SPF passes for ${e.spfPass}` });
  if (e.provider) out.push({ text: e.provider, title: `Inside ${e.provider}'s published ranges` });
  if (e.pool)
    out.push({
      text: `pool ×${e.pool.addresses}`,
      title: `Retried from ${e.pool.addresses} addresses${e.pool.organisation ? ` of ${e.pool.organisation}` : ''}`,
    });
  if (e.laterAccepted)
    out.push({ text: 'accepted later', title: `${e.laterAccepted} message(s) accepted later` });
  return out;
}

export function kindWords(item: ReviewItem): string {
  return item.kind === 'provider'
    ? 'provider'
    : item.kind === 'domain'
      ? 'sender organisation'
      : 'client network';
}

export function seconds(s: number): string {
  if (s < 90) return `${s} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
