// An audit entry's detail in words, e.g. "theme: light → dark"; raw JSON only for shapes we do
// not know yet.

import type { AuditEntry } from '../../core/app/api';

interface Changes {
  changes?: Record<string, { from: unknown; to: unknown }>;
}

export function auditDetailText(entry: AuditEntry): string {
  const changes = (entry.detail as Changes).changes;
  if (changes && typeof changes === 'object') {
    const parts = Object.entries(changes).map(
      ([key, c]) => `${key}: ${String(c.from)} → ${String(c.to)}`,
    );
    return parts.length ? parts.join('; ') : 'no change';
  }
  return JSON.stringify(entry.detail);
}
