// The DNS lists table as CSV (one row per policy entry), for a spreadsheet or a ticket. Pure.

import type { CheckReport } from '../../../core/app/api';

export const LISTS_CSV_HEADER = [
  'address',
  'zone',
  'filter',
  'status',
  'answers',
  'weight',
  'counts',
  'dry_run',
  'txt',
  'ms',
];

export function listsCsvRows(r: CheckReport): (string | number | boolean)[][] {
  return r.lists.map((l) => [
    r.address,
    l.zone,
    l.filter ?? '',
    l.status,
    l.answers.join(' '),
    l.weight,
    l.matched && !l.dryRun,
    l.dryRun,
    l.text ?? '',
    l.ms,
  ]);
}
