// The DNS lists table's rows: while a run streams, the policy's lists with whatever answer each
// zone has given so far; once the report is in, exactly the report's lists. Same keys in both,
// so rows fill in place instead of jumping. Pure.

import type { CheckListResult } from '../../../core/app/api';
import type { CheckRun } from './check-run';

export interface ListRow {
  key: string;
  zone: string;
  filter?: string;
  /** Unknown only for an answer from a zone the policy no longer names. */
  weight?: number;
  dryRun: boolean;
  state: 'pending' | CheckListResult['status'];
  answers: string[];
  /** The answer passes the return-code filter: known from the report only. */
  matched?: boolean;
  text?: string;
  ms?: number;
}

const key = (i: number, zone: string, filter?: string) => `${i}:${zone}=${filter ?? ''}`;

export function listRows(run: CheckRun): ListRow[] {
  if (run.report)
    return run.report.lists.map((l, i) => ({
      key: key(i, l.zone, l.filter),
      zone: l.zone,
      ...(l.filter ? { filter: l.filter } : {}),
      weight: l.weight,
      dryRun: l.dryRun,
      state: l.status,
      answers: l.answers,
      matched: l.matched,
      ...(l.text ? { text: l.text } : {}),
      ms: l.ms,
    }));
  const expected = run.expected ?? [];
  const rows: ListRow[] = expected.map((l, i) => {
    const a = run.answers[l.zone.toLowerCase()];
    return {
      key: key(i, l.zone.toLowerCase(), l.filter),
      zone: l.zone.toLowerCase(),
      ...(l.filter ? { filter: l.filter } : {}),
      weight: l.weight,
      dryRun: l.dryRun,
      state: a?.status ?? 'pending',
      answers: a?.answers ?? [],
      ...(a ? { ms: a.ms } : {}),
    };
  });
  // Answers that arrived before the policy did (or from a policy saved meanwhile).
  const named = new Set(expected.map((l) => l.zone.toLowerCase()));
  for (const a of Object.values(run.answers))
    if (!named.has(a.zone.toLowerCase()))
      rows.push({
        key: key(rows.length, a.zone, 'streamed'),
        zone: a.zone,
        dryRun: false,
        state: a.status,
        answers: a.answers,
        ms: a.ms,
      });
  return rows;
}

/** Entries whose weight counts toward the score (the report's own rule: matched, not dry-run). */
export const contributing = (lists: CheckListResult[]) =>
  lists.filter((l) => l.matched && !l.dryRun);
