// Who is refused most: the top rejected clients and the sender organisations (registrable
// domains, so mail1.bank.example and bank.example count together).

import type { ColumnDef } from '@tanstack/react-table';
import type { DashboardData } from '../../../core/app/api';
import { DataTable } from '../DataTable';
import { Icon } from '../Icon';
import { downloadCsv, fileStamp } from '../../lib/download';
import { formatCount, formatTime } from '../../lib/format';
import { useSettings } from '../../state/settings-context';
import { isoTime } from './chart-parts';

type Client = DashboardData['topClients'][number];
type Domain = DashboardData['topSenderDomains'][number];

function Panel({
  title,
  onCsv,
  children,
}: {
  title: string;
  onCsv: () => void;
  children: React.ReactNode;
}) {
  return (
    <section className="panel" aria-label={title}>
      <header className="panel__header">
        <h2>{title}</h2>
        <button type="button" className="button button--small" onClick={onCsv}>
          <Icon name="download" size={14} /> CSV
        </button>
      </header>
      {children}
    </section>
  );
}

export function TopTables({ data }: { data: DashboardData }) {
  const { settings } = useSettings();
  const clientColumns: ColumnDef<Client, unknown>[] = [
    {
      id: 'client',
      header: 'Client',
      accessorFn: (c) => c.client,
      cell: (c) => <code>{c.row.original.client}</code>,
    },
    { id: 'name', header: 'Name', accessorFn: (c) => c.name ?? '' },
    {
      id: 'count',
      header: 'Rejections',
      accessorFn: (c) => c.count,
      cell: (c) => <span className="num">{formatCount(c.row.original.count)}</span>,
    },
    {
      id: 'last',
      header: 'Last',
      accessorFn: (c) => c.lastTime,
      cell: (c) => (
        <time className="nowrap">{formatTime(c.row.original.lastTime, settings.timeDisplay)}</time>
      ),
    },
  ];
  const domainColumns: ColumnDef<Domain, unknown>[] = [
    { id: 'domain', header: 'Sender organisation', accessorFn: (d) => d.domain },
    {
      id: 'count',
      header: 'Rejections',
      accessorFn: (d) => d.count,
      cell: (c) => <span className="num">{formatCount(c.row.original.count)}</span>,
    },
  ];
  return (
    <div className="dashboard-grid">
      <Panel
        title="Top rejected clients"
        onCsv={() =>
          downloadCsv(
            `top-clients-${fileStamp()}.csv`,
            ['client', 'name', 'rejections', 'last'],
            data.topClients.map((c) => [c.client, c.name ?? '', c.count, isoTime(c.lastTime)]),
          )
        }
      >
        <DataTable
          data={data.topClients}
          columns={clientColumns}
          getRowId={(c) => c.client}
          label="Top rejected clients"
          empty="No client was rejected in this range."
        />
      </Panel>
      <Panel
        title="Top rejected sender organisations"
        onCsv={() =>
          downloadCsv(
            `top-sender-domains-${fileStamp()}.csv`,
            ['domain', 'rejections'],
            data.topSenderDomains.map((d) => [d.domain, d.count]),
          )
        }
      >
        <DataTable
          data={data.topSenderDomains}
          columns={domainColumns}
          getRowId={(d) => d.domain}
          label="Top rejected sender organisations"
          empty="No rejection with a sender address in this range."
        />
      </Panel>
    </div>
  );
}
