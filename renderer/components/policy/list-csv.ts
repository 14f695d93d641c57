// A list as CSV: the value first, so the file comes back in through "Import file" unchanged
// (parse-lines.ts reads this header). Pure.

import type { ListDef, ListEntry } from './list-kinds';

export function csvHeader(def: ListDef): string[] {
  return [
    'value',
    'note',
    'source',
    ...(def.expires ? ['expires'] : []),
    ...(def.scope ? ['scope'] : []),
    ...(def.requireSpf ? ['only if spf passes'] : []),
  ];
}

export function csvRows(def: ListDef, entries: readonly ListEntry[]): string[][] {
  return entries.map((e) => [
    e.value,
    e.note ?? '',
    e.source ?? 'manual',
    ...(def.expires ? [e.expires ?? ''] : []),
    ...(def.scope ? [e.scope ?? 'all'] : []),
    ...(def.requireSpf ? [e.requireSpf ? 'yes' : 'no'] : []),
  ]);
}
