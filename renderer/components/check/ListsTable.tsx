// The DNS lists, one row per policy entry (a zone can appear with several return-code filters),
// filled in as their answers stream. The shared DataTable gives sorting and the keyboard model.

import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { DataTable } from '../DataTable';
import { answerWords } from './check-words';
import { ListAnswer, ListCounts, ListWeight } from './ListAnswer';
import type { ListRow } from './list-rows';

function columns(version: 4 | 6 | undefined, scored: boolean): ColumnDef<ListRow, unknown>[] {
  return [
    {
      id: 'zone',
      header: 'Zone',
      accessorFn: (r) => r.zone,
      cell: ({ row }) => <code>{row.original.zone}</code>,
    },
    {
      id: 'filter',
      header: 'Return codes',
      accessorFn: (r) => r.filter ?? '',
      cell: ({ row }) =>
        row.original.filter ? (
          <code>{row.original.filter}</code>
        ) : (
          <span className="muted">any</span>
        ),
    },
    {
      id: 'answer',
      header: 'Answer',
      accessorFn: (r) => answerWords(r.state, r.answers, version),
      cell: ({ row }) => <ListAnswer row={row.original} version={version} />,
    },
    {
      id: 'weight',
      header: 'Weight',
      accessorFn: (r) => r.weight ?? 0,
      cell: ({ row }) => <ListWeight weight={row.original.weight} dryRun={row.original.dryRun} />,
    },
    {
      id: 'counts',
      header: 'Counts',
      accessorFn: (r) => (r.matched ? 1 : 0),
      cell: ({ row }) => <ListCounts row={row.original} scored={scored} />,
    },
    {
      id: 'text',
      header: 'Reason (TXT)',
      accessorFn: (r) => r.text ?? '',
      // TXT reasons come with the report only (progress events carry the codes).
      cell: ({ row }) =>
        row.original.text ? (
          <span className="list-reason">{row.original.text}</span>
        ) : (
          <span className="muted">
            {row.original.matched === undefined && row.original.state === 'listed' ? '…' : '—'}
          </span>
        ),
    },
    {
      id: 'ms',
      header: 'ms',
      accessorFn: (r) => r.ms ?? Infinity,
      cell: ({ row }) => <span className="num">{row.original.ms ?? ''}</span>,
    },
  ];
}

export function ListsTable({
  rows,
  version,
  scored,
}: {
  rows: ListRow[];
  version?: 4 | 6;
  /** False where postscreen is absent: entries act one by one, weights do not add up. */
  scored: boolean;
}) {
  return (
    <DataTable
      data={rows}
      columns={useMemo(() => columns(version, scored), [version, scored])}
      getRowId={(r) => r.key}
      label="DNS lists"
      empty="The policy consults no DNS list."
    />
  );
}
