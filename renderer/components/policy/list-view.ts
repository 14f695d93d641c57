// What one page of a list table shows: filtered, sorted and cut into pages outside the table, so
// a list of 10,000 entries renders 100 rows. Rows keep their index in the list: it is the line
// number the problems name, and the key of edits and deletes. Pure.

import type { ListEntry } from './list-kinds';

export type SortColumn = 'line' | 'value' | 'note' | 'source' | 'expires' | 'scope' | 'requireSpf';
export interface SortState {
  column: SortColumn;
  desc: boolean;
}

export interface ListRow {
  index: number;
  entry: ListEntry;
}

export interface ListViewOptions {
  query: string;
  sort: SortState;
  /** Only the rows with problems (the summary's "jump to" shows them). */
  onlyRows?: ReadonlySet<number>;
  page: number;
  pageSize: number;
}

export interface ListView {
  rows: ListRow[];
  matching: number;
  page: number;
  pageCount: number;
  /** Every matching row in display order (for export and "select all"). */
  all: ListRow[];
}

export const PAGE_SIZE = 100;

function sortKey(row: ListRow, column: SortColumn): string | number {
  const e = row.entry;
  switch (column) {
    case 'line':
      return row.index;
    case 'requireSpf':
      return e.requireSpf ? 1 : 0;
    case 'scope':
      return e.scope ?? 'all';
    default:
      return (e[column] ?? '').toLowerCase();
  }
}

export function matchesQuery(entry: ListEntry, q: string): boolean {
  if (!q) return true;
  return [entry.value, entry.note, entry.source, entry.expires, entry.scope].some((f) =>
    f?.toLowerCase().includes(q),
  );
}

export function listView(entries: readonly ListEntry[], o: ListViewOptions): ListView {
  const q = o.query.trim().toLowerCase();
  const all: ListRow[] = [];
  entries.forEach((entry, index) => {
    if (o.onlyRows && !o.onlyRows.has(index)) return;
    if (matchesQuery(entry, q)) all.push({ index, entry });
  });
  if (o.sort.column !== 'line' || o.sort.desc) {
    const dir = o.sort.desc ? -1 : 1;
    const keyed = all.map((r) => ({ r, k: sortKey(r, o.sort.column) }));
    keyed.sort((a, b) => (a.k < b.k ? -dir : a.k > b.k ? dir : a.r.index - b.r.index));
    all.splice(0, all.length, ...keyed.map((x) => x.r));
  }
  const pageCount = Math.max(1, Math.ceil(all.length / o.pageSize));
  const page = Math.min(Math.max(0, o.page), pageCount - 1);
  return {
    rows: all.slice(page * o.pageSize, (page + 1) * o.pageSize),
    matching: all.length,
    page,
    pageCount,
    all,
  };
}
