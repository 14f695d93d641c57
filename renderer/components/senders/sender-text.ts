// Words for cloud-sender data on the Senders page: where the ranges come from (never letting the
// offline snapshot pass for live data) and how complete they are. Runtime: pure.

import type { SenderDataInfo } from '../../../core/app/api';

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
