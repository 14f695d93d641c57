// The saved versions, newest first. Enter (or a click) on a row shows what that save changed.

import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { PolicyVersionInfo } from '../../../core/app/api';
import { DataTable } from '../DataTable';
import { TimeAgo } from '../servers/TimeAgo';

export function VersionsTable({
  versions,
  current,
  selected,
  onSelect,
}: {
  versions: PolicyVersionInfo[];
  current?: number;
  selected?: number;
  onSelect: (v: PolicyVersionInfo) => void;
}) {
  const columns = useMemo<ColumnDef<PolicyVersionInfo, unknown>[]>(
    () => [
      {
        id: 'id',
        header: 'Version',
        accessorFn: (v) => v.id,
        cell: ({ row: { original: v } }) => (
          <span className="nowrap version-id">
            <strong className="num">v{v.id}</strong>
            {v.id === current && <span className="badge badge--on">current</span>}
            {v.id === selected && <span className="visually-hidden"> (shown below)</span>}
          </span>
        ),
      },
      {
        id: 'at',
        header: 'Saved',
        accessorFn: (v) => v.createdAt,
        cell: ({ row: { original: v } }) => <TimeAgo at={v.createdAt} />,
      },
      {
        id: 'actor',
        header: 'By',
        accessorFn: (v) => v.actor,
        cell: ({ row: { original: v } }) => <span className="verbatim">{v.actor}</span>,
      },
      {
        id: 'message',
        header: 'Message',
        accessorFn: (v) => v.message.toLowerCase(),
        cell: ({ row: { original: v } }) => (
          <span className={`verbatim ${v.id === selected ? 'version-selected' : ''}`}>
            {v.message}
          </span>
        ),
      },
    ],
    [current, selected],
  );
  return (
    <DataTable
      data={versions}
      columns={columns}
      getRowId={(v) => String(v.id)}
      label="Policy versions"
      empty="No version saved yet."
      onActivate={onSelect}
      initialSorting={[{ id: 'id', desc: true }]}
    />
  );
}
