// The fleet as a table: where each server connects, whether it answers, what it runs.

import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { ServerProgress, ServerSummary } from '../../../core/app/api';
import { DataTable } from '../DataTable';
import { FilterBadges } from './FilterBadges';
import { ProgressLine } from './ProgressLine';
import { statusWords, targetText } from './server-text';
import { Spinner } from './Spinner';
import { StatusBadge } from './StatusBadge';
import { TagChips } from './TagChips';
import { TimeAgo } from './TimeAgo';
import type { FlowOperation } from './use-connect-flow';

export interface ServersTableProps {
  servers: ServerSummary[];
  progress: ReadonlyMap<number, ServerProgress>;
  running: ReadonlyMap<number, FlowOperation>;
  onOpen: (server: ServerSummary) => void;
  empty: string;
}

function ConnectsTo({ server }: { server: ServerSummary }) {
  const { target } = server;
  if (!target.ok) {
    return (
      <span className="text-danger verbatim" title="The ssh config could not be applied">
        {target.error}
      </span>
    );
  }
  return (
    <span className="stack">
      <code className="verbatim">{targetText(target)}</code>
      {target.proxyJump && <span className="muted verbatim">via {target.proxyJump}</span>}
      {target.fromConfig && server.host !== target.host && (
        <span className="muted verbatim">alias {server.host}</span>
      )}
    </span>
  );
}

function StatusCell({
  server,
  progress,
  running,
}: {
  server: ServerSummary;
  progress: ServerProgress | undefined;
  running: FlowOperation | undefined;
}) {
  if (progress) return <ProgressLine progress={progress} />;
  if (running) {
    return (
      <span className="progress-line progress-line--running" role="status">
        <Spinner /> Waiting…
      </span>
    );
  }
  return <StatusBadge status={server.status} />;
}

export function ServersTable({ servers, progress, running, onOpen, empty }: ServersTableProps) {
  const columns = useMemo<ColumnDef<ServerSummary, unknown>[]>(
    () => [
      {
        id: 'name',
        header: 'Name',
        accessorFn: (s) => s.name.toLowerCase(),
        cell: (c) => <span className="server-name verbatim">{c.row.original.name}</span>,
      },
      {
        id: 'target',
        header: 'Connects to',
        accessorFn: (s) => targetText(s.target),
        cell: (c) => <ConnectsTo server={c.row.original} />,
      },
      {
        id: 'tags',
        header: 'Tags',
        enableSorting: false,
        cell: (c) => <TagChips tags={c.row.original.tags} />,
      },
      {
        id: 'status',
        header: 'Status',
        accessorFn: (s) => statusWords(s.status),
        cell: (c) => (
          <StatusCell
            server={c.row.original}
            progress={progress.get(c.row.original.id)}
            running={running.get(c.row.original.id)}
          />
        ),
      },
      {
        id: 'postfix',
        header: 'Postfix',
        accessorFn: (s) => s.inspection?.postfixVersion ?? '',
        cell: (c) => c.row.original.inspection?.postfixVersion ?? <span className="muted">—</span>,
      },
      {
        id: 'filtering',
        header: 'Filtering',
        enableSorting: false,
        cell: (c) => <FilterBadges inspection={c.row.original.inspection} />,
      },
      {
        id: 'inspected',
        header: 'Last inspected',
        accessorFn: (s) => s.inspection?.at ?? 0,
        cell: (c) => {
          const at = c.row.original.inspection?.at;
          return at ? <TimeAgo at={at} /> : <span className="muted">never</span>;
        },
      },
    ],
    [progress, running],
  );
  return (
    <DataTable
      data={servers}
      columns={columns}
      getRowId={(s) => String(s.id)}
      label="Servers"
      empty={empty}
      onActivate={onOpen}
      initialSorting={[{ id: 'name', desc: false }]}
    />
  );
}
