// Inline validation of the draft with the policy schema the service enforces, worded by the same
// describePath ("line 3 of the client allowlist"). Unlike validatePolicy it keeps each issue's
// path, so the editor can put the message next to its field or table row. Lists of 10,000
// entries are checked entry by entry with a cache keyed by the entry object: an edit re-checks
// only what it changed, which keeps typing fast. Pure.

import { issuesOf } from '../../../core/app/validation';
import { describePath } from '../../../core/policy/messages';
import { policySchema } from '../../../core/policy/schema';
import { entrySchema, LISTS, type ListDef } from './list-kinds';
import { dotted, getAt, setAt } from './policy-path';

export interface PolicyIssue {
  path: (string | number)[];
  /** "line 3 of the client allowlist", "greylisting delay (seconds)". */
  where: string;
  message: string;
}

interface EntryIssue {
  path: (string | number)[];
  message: string;
}

const entryCache = new WeakMap<object, EntryIssue[]>();

function entryIssues(def: ListDef, entry: unknown): EntryIssue[] {
  const cacheable = entry !== null && typeof entry === 'object';
  const cached = cacheable ? entryCache.get(entry) : undefined;
  if (cached) return cached;
  const parsed = entrySchema(def.kind).safeParse(entry);
  const found = parsed.success
    ? []
    : issuesOf(parsed.error).map((issue, i) => ({
        path: (parsed.error.issues[i]?.path ?? []) as (string | number)[],
        message: issue.message,
      }));
  if (cacheable) entryCache.set(entry, found);
  return found;
}

/** The issues of one entry as it is being typed (before it is in the draft). */
export function checkEntry(def: ListDef, entry: unknown): string | undefined {
  const found = entryIssues(def, entry);
  if (found.length === 0) return undefined;
  return found
    .map((i) => (i.path.length && i.path[0] !== 'value' ? `${i.path.join('.')}: ` : '') + i.message)
    .join('; ');
}

export function findIssues(draft: unknown): PolicyIssue[] {
  // The document without its long lists is quick to check whole…
  let skeleton = draft;
  for (const def of LISTS) {
    if (Array.isArray(getAt(draft, def.path))) skeleton = setAt(skeleton, def.path, []);
  }
  const parsed = policySchema.safeParse(skeleton);
  const out: PolicyIssue[] = parsed.success
    ? []
    : issuesOf(parsed.error).map((issue, i) => {
        const path = (parsed.error.issues[i]?.path ?? []) as (string | number)[];
        return { path, where: describePath(path), message: issue.message };
      });
  // …and the lists are checked entry by entry.
  for (const def of LISTS) {
    const entries = getAt(draft, def.path);
    if (!Array.isArray(entries)) continue;
    if (entries.length > def.max)
      out.push({
        path: [...def.path],
        where: describePath([...def.path]),
        message: `must have at most ${def.max} entries`,
      });
    entries.forEach((entry: unknown, index) => {
      for (const issue of entryIssues(def, entry)) {
        const path = [...def.path, index, ...issue.path];
        out.push({ path, where: describePath(path), message: issue.message });
      }
    });
  }
  return out;
}

export type Section = 'lists' | 'greylisting' | 'dnsbl' | 'checks' | 'name';

/** Which tab of the page shows the field an issue is about. */
export function sectionOf(issue: PolicyIssue): Section {
  const key = dotted(issue.path);
  if (LISTS.some((l) => key.startsWith(`${l.path.join('.')}.`) || key === l.path.join('.')))
    return 'lists';
  const head = issue.path[0];
  if (head === 'greylisting') return 'greylisting';
  if (head === 'dnsbl') return 'dnsbl';
  if (head === 'name' || head === undefined) return 'name';
  return 'checks';
}

/** The list an issue is in, and the entry's index. */
export function listPlace(issue: PolicyIssue): { def: ListDef; index: number } | undefined {
  for (const def of LISTS) {
    const n = def.path.length;
    if (def.path.every((k, i) => issue.path[i] === k) && typeof issue.path[n] === 'number')
      return { def, index: issue.path[n] as number };
  }
  return undefined;
}

/** Issues of one list, by entry index. */
export function issuesByRow(issues: PolicyIssue[], def: ListDef): Map<number, PolicyIssue[]> {
  const rows = new Map<number, PolicyIssue[]>();
  for (const issue of issues) {
    const place = listPlace(issue);
    if (place?.def.id !== def.id) continue;
    rows.set(place.index, [...(rows.get(place.index) ?? []), issue]);
  }
  return rows;
}

/** The message for a form field (exact path, or a path under it such as a check's score). */
export function fieldIssue(
  issues: PolicyIssue[],
  path: readonly (string | number)[],
): string | undefined {
  const key = dotted(path);
  const found = issues.filter((i) => dotted(i.path) === key);
  return found.length ? found.map((i) => i.message).join('; ') : undefined;
}

/** The DOM id of a form field: the summary jumps to it. */
export const fieldId = (path: readonly (string | number)[]): string => `pf-${dotted(path)}`;
