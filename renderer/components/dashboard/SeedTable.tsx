// The seed's table: each outcome of an SMTP attempt (accepted, or refused for a reason), its count
// and share — the same numbers as `mxwarden logs summary` of the same lines.

import type { ColumnDef } from '@tanstack/react-table';
import type { DashboardData, SeedRow } from '../../../core/app/api';
import { DataTable } from '../DataTable';
import { Icon } from '../Icon';
import { downloadCsv, fileStamp } from '../../lib/download';
import { formatCount } from '../../lib/format';

const COLUMNS: ColumnDef<SeedRow, unknown>[] = [
  {
    id: 'reason',
    header: 'Reason',
    accessorFn: (r) => r.label,
    cell: (c) => <span title={c.row.original.key}>{c.row.original.label}</span>,
  },
  {
    id: 'count',
    header: 'Attempts',
    accessorFn: (r) => r.count,
    cell: (c) => <span className="num">{formatCount(c.row.original.count)}</span>,
  },
  {
    id: 'percent',
    header: '% of total',
    accessorFn: (r) => r.percent,
    cell: (c) => <span className="num">{c.row.original.percent.toFixed(1)} %</span>,
  },
];

export function SeedTable({ seed }: { seed: DashboardData['seed'] }) {
  const exportCsv = () =>
    downloadCsv(
      `reasons-${fileStamp()}.csv`,
      ['reason', 'key', 'count', 'percent'],
      seed.rows.map((r) => [r.label, r.key, r.count, r.percent]),
    );
  return (
    <section className="panel" aria-labelledby="seed-title">
      <header className="panel__header">
        <h2 id="seed-title">
          What happened to each attempt{' '}
          <span className="panel__note">{formatCount(seed.total)} in all</span>
        </h2>
        <button type="button" className="button button--small" onClick={exportCsv}>
          <Icon name="download" size={14} /> CSV
        </button>
      </header>
      <DataTable
        data={seed.rows}
        columns={COLUMNS}
        getRowId={(r) => r.key}
        label="Reasons with their counts and shares"
        empty="No SMTP attempt in this range."
        initialSorting={[{ id: 'count', desc: true }]}
      />
    </section>
  );
}
