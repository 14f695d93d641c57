// The cloud-sender catalog as a table: ranges, host names, where the data comes from (the
// snapshot's date, or when it was read live) and whether anything is missing.

import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { SenderSummary, SendersProgress } from '../../../core/app/api';
import { DataTable } from '../DataTable';
import { Spinner } from '../servers/Spinner';
import { TimeAgo } from '../servers/TimeAgo';
import { CATEGORY_LABELS, dataWords, statusWords, whitelistWords } from './sender-text';

function DataCell({ s }: { s: SenderSummary }) {
  const d = s.data;
  if (d.origin === 'snapshot')
    return (
      <span className="badge badge--off" title="Shipped offline data, not read live">
        {dataWords(d)}
      </span>
    );
  return (
    <span className="stack">
      <span>
        <span className="badge badge--on">Live</span> <TimeAgo at={d.at} inline />
      </span>
      {d.carriedFrom && (
        <span className="muted">
          part kept from{' '}
          {d.carriedFrom.origin === 'snapshot'
            ? `the snapshot of ${d.carriedFrom.asOf}`
            : 'the refresh before'}
        </span>
      )}
    </span>
  );
}

function StatusCell({ s, progress }: { s: SenderSummary; progress: SendersProgress | undefined }) {
  if (progress?.state === 'running')
    return (
      <span className="progress-line progress-line--running" role="status">
        <Spinner /> Expanding…
      </span>
    );
  const d = s.data;
  return (
    <span className="badges">
      <span className={d.complete && d.errors === 0 ? 'text-ok' : 'text-danger'}>
        {statusWords(d)}
      </span>
      {d.changed && <span className="badge badge--warn">changed</span>}
    </span>
  );
}

export function SendersTable({
  providers,
  progress,
  onOpen,
}: {
  providers: SenderSummary[];
  progress: ReadonlyMap<string, SendersProgress>;
  onOpen: (p: SenderSummary) => void;
}) {
  const columns = useMemo<ColumnDef<SenderSummary, unknown>[]>(
    () => [
      {
        id: 'name',
        header: 'Provider',
        accessorFn: (s) => s.name.toLowerCase(),
        cell: (c) => (
          <span className="stack">
            <span className="server-name">{c.row.original.name}</span>
            <code className="muted verbatim">
              cloud:{c.row.original.id}
              {c.row.original.origin === 'user' ? ' (yours)' : ''}
            </code>
          </span>
        ),
      },
      {
        id: 'category',
        header: 'Category',
        accessorFn: (s) => CATEGORY_LABELS[s.category] ?? s.category,
      },
      {
        id: 'v4',
        header: 'IPv4 ranges',
        accessorFn: (s) => s.data.v4,
        cell: (c) => <span className="num">{c.row.original.data.v4}</span>,
      },
      {
        id: 'v6',
        header: 'IPv6 ranges',
        accessorFn: (s) => s.data.v6,
        cell: (c) => <span className="num">{c.row.original.data.v6}</span>,
      },
      {
        id: 'hosts',
        header: 'Host names',
        accessorFn: (s) => s.data.hostnames,
        cell: (c) => <span className="num">{c.row.original.data.hostnames}</span>,
      },
      {
        id: 'data',
        header: 'Data',
        accessorFn: (s) => (s.data.origin === 'live' ? s.data.at : 0),
        cell: (c) => <DataCell s={c.row.original} />,
      },
      {
        id: 'whitelist',
        header: 'Whitelist',
        accessorFn: (s) => whitelistWords(s.whitelist),
        cell: (c) => {
          const w = c.row.original.whitelist;
          const cls =
            w.state === 'stale' || w.state === 'unpushed'
              ? 'badge badge--warn'
              : w.state === 'whitelisted'
                ? 'badge badge--on'
                : 'muted';
          return (
            <span className={cls} data-testid="whitelist-cell">
              {whitelistWords(w)}
            </span>
          );
        },
      },
      {
        id: 'status',
        header: 'Status',
        accessorFn: (s) => statusWords(s.data),
        cell: (c) => <StatusCell s={c.row.original} progress={progress.get(c.row.original.id)} />,
      },
    ],
    [progress],
  );
  return (
    <DataTable
      data={providers}
      columns={columns}
      getRowId={(s) => s.id}
      label="Cloud senders"
      empty="No provider matches the filter."
      onActivate={onOpen}
    />
  );
}
