// An audit entry's detail in words, e.g. "theme: light → dark"; raw JSON only for shapes we do
// not know yet.

import type { AuditEntry } from '../../core/app/api';

interface Changes {
  changes?: Record<string, { from: unknown; to: unknown }>;
}

interface PushDetail {
  pushId?: string;
  policyVersionId?: number;
  outcome?: string;
  servers?: { name: string; outcome: string; failedStep?: string }[];
}

/** "v4 to mx1, mx2: partial — mx1 applied, mx2 rolled-back at reload (push 2026…)". */
function pushText(d: PushDetail): string | undefined {
  if (!d.pushId || !Array.isArray(d.servers)) return undefined;
  const each = d.servers
    .map((s) => `${s.name} ${s.outcome}${s.failedStep ? ` at ${s.failedStep}` : ''}`)
    .join(', ');
  return `v${d.policyVersionId ?? '?'}: ${d.outcome ?? '?'} — ${each} (push ${d.pushId})`;
}

export function auditDetailText(entry: AuditEntry): string {
  if (entry.action.startsWith('push.')) {
    const text = pushText(entry.detail as PushDetail);
    if (text) return text;
  }
  const changes = (entry.detail as Changes).changes;
  if (changes && typeof changes === 'object') {
    const parts = Object.entries(changes).map(
      ([key, c]) => `${key}: ${String(c.from)} → ${String(c.to)}`,
    );
    return parts.length ? parts.join('; ') : 'no change';
  }
  return JSON.stringify(entry.detail);
}
