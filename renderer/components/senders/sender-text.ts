// Words for cloud-sender data on the Senders page: where the ranges come from (never letting the
// offline snapshot pass for live data) and how complete they are. Runtime: pure.

import type { PinnedData, SenderDataInfo, WhitelistStatus } from '../../../core/app/api';
import { CLOUD_SCOPE_WORDS } from '../../../core/policy/cloud-senders';

export function dataWords(d: SenderDataInfo): string {
  return d.origin === 'snapshot' ? `Snapshot of ${d.asOf}` : 'Live';
}

export function statusWords(d: SenderDataInfo): string {
  const parts: string[] = [];
  if (!d.complete) parts.push('incomplete');
  if (d.errors) parts.push(`${d.errors} error${d.errors > 1 ? 's' : ''}`);
  if (d.warnings) parts.push(`${d.warnings} warning${d.warnings > 1 ? 's' : ''}`);
  return parts.join(', ') || 'OK';
}

export const CATEGORY_LABELS: Record<string, string> = {
  webmail: 'Webmail',
  bulk: 'Bulk / transactional',
  social: 'Social',
  commerce: 'Commerce',
  hosting: 'Hosting',
  saas: 'SaaS',
  security: 'Mail security',
  other: 'Other',
};

export function matchesSearch(
  p: { id: string; name: string; category: string; spf: string[] },
  q: string,
): boolean {
  const t = q.trim().toLowerCase();
  if (!t) return true;
  return [p.id, p.name, p.category, ...p.spf].some((s) => s.toLowerCase().includes(t));
}

/** The Senders table's whitelist column: "not whitelisted", "skip greylisting", "stale: +3 −1". */
export function whitelistWords(w: WhitelistStatus): string {
  if (w.state === 'off')
    return w.unpushed.length
      ? `removed, not pushed to ${w.unpushed.join(', ')}`
      : 'not whitelisted';
  const scope = w.scope ? CLOUD_SCOPE_WORDS[w.scope] : '';
  if (w.state === 'stale')
    return `stale: ranges changed (+${w.changes?.added.length ?? 0} −${w.changes?.removed.length ?? 0})`;
  if (w.state === 'unpushed') return `${scope}; not pushed to ${w.unpushed.join(', ')}`;
  return scope;
}

/** "expansion 12 of 2026-11-23" or "the offline snapshot of 2026-11-23". */
export function pinnedDataWords(p: PinnedData): string {
  return p.origin === 'live'
    ? `expansion ${p.expansionId ?? '?'} of ${p.asOf.slice(0, 10)}`
    : `the offline snapshot of ${p.asOf}`;
}
