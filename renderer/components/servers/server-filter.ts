// Which servers the list shows for a search text and selected tags. Pure.

import type { ServerSummary } from '../../../core/app/api';

/** Case-insensitive substring over the name, the host as typed and as resolved, and the tags. */
export function matchesSearch(s: ServerSummary, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  const haystack = [s.name, s.host, s.target.ok ? s.target.host : '', ...s.tags];
  return haystack.some((text) => text.toLowerCase().includes(q));
}

/** A server must carry every selected tag: selecting "eu" and "edge" narrows, never widens. */
export const hasTags = (s: ServerSummary, tags: readonly string[]): boolean =>
  tags.every((t) => s.tags.includes(t));

export function allTags(servers: readonly ServerSummary[]): string[] {
  return [...new Set(servers.flatMap((s) => s.tags))].sort((a, b) => a.localeCompare(b));
}
