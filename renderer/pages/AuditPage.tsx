// The audit log: every change made through the app or the CLI, live, searchable, exportable.

import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AuditEntry } from '../../core/app/api';
import { ChartFrame } from '../charts/ChartFrame';
import { useChartTheme } from '../charts/chart-theme';
import { DataTable } from '../components/DataTable';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { auditDetailText } from '../lib/audit-text';
import { downloadCsv, fileStamp } from '../lib/download';
import { formatTime } from '../lib/format';
import { useApi, useEvent, useQuery } from '../state/api-context';
import { useNotifications } from '../state/notifications';
import { useSettings } from '../state/settings-context';

const PAGE_SIZE = 100;

function ActivityChart({ refreshKey }: { refreshKey: number }) {
  const { data } = useQuery('audit.activity', [{ days: 30 }], refreshKey);
  const theme = useChartTheme();
  const days = data ?? [];
  return (
    <ChartFrame
      title="Changes per day (last 30 days, UTC)"
      name="audit-activity"
      data={{ header: ['day', 'changes'], rows: days.map((d) => [d.day, d.count]) }}
      height={180}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="day"
            tick={{ fill: theme.muted, fontSize: 11 }}
            tickFormatter={(d: string) => d.slice(5)}
            stroke={theme.grid}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fill: theme.muted, fontSize: 11 }}
            stroke={theme.grid}
          />
          <Tooltip
            cursor={{ fill: theme.grid, opacity: 0.4 }}
            contentStyle={{
              background: theme.tooltipBg,
              border: `1px solid ${theme.tooltipBorder}`,
              color: theme.text,
            }}
          />
          <Bar
            dataKey="count"
            name="changes"
            fill={theme.series[0]}
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function AuditPage() {
  const api = useApi();
  const { settings } = useSettings();
  const { notifyError } = useNotifications();
  const [search, setSearch] = useState('');
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [live, setLive] = useState<AuditEntry[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [chartKey, setChartKey] = useState(0);
  const first = useQuery('audit.list', [{ limit: PAGE_SIZE, ...(search ? { search } : {}) }]);

  // New rows arrive as events; they are shown on top without reloading the page.
  useEvent('audit.appended', (entry) => {
    setChartKey((k) => k + 1);
    const text =
      `${entry.action} ${entry.target} ${entry.actor} ${JSON.stringify(entry.detail)}`.toLowerCase();
    // Mirror the server's search so a live row only shows when the same search would list it.
    if (!search || text.includes(search.toLowerCase())) setLive((rows) => [entry, ...rows]);
  });

  const entries = useMemo(() => {
    const seen = new Set<number>();
    return [...live, ...(first.data?.entries ?? []), ...older].filter(
      (e) => !seen.has(e.id) && seen.add(e.id),
    );
  }, [live, first.data, older]);
  const total = (first.data?.total ?? 0) + live.length;
  const nextBefore = older.length ? older.at(-1)?.id : first.data?.nextBefore;
  const hasMore = entries.length < total && nextBefore !== undefined;

  const loadMore = async () => {
    if (nextBefore === undefined) return;
    setLoadingMore(true);
    const r = await api.call('audit.list', {
      limit: PAGE_SIZE,
      before: nextBefore,
      ...(search ? { search } : {}),
    });
    setLoadingMore(false);
    if (r.ok) setOlder((rows) => [...rows, ...r.value.entries]);
    else notifyError('Could not load older entries', r.error);
  };

  const columns = useMemo<ColumnDef<AuditEntry, unknown>[]>(
    () => [
      {
        id: 'time',
        header: 'Time',
        accessorFn: (e) => e.time,
        cell: (c) => (
          <time className="nowrap">{formatTime(c.row.original.time, settings.timeDisplay)}</time>
        ),
      },
      { id: 'actor', header: 'Actor', accessorFn: (e) => e.actor },
      {
        id: 'action',
        header: 'Action',
        accessorFn: (e) => e.action,
        cell: (c) => <code>{c.row.original.action}</code>,
      },
      { id: 'target', header: 'Target', accessorFn: (e) => e.target },
      {
        id: 'detail',
        header: 'Detail',
        enableSorting: false,
        cell: (c) => (
          <span className="detail" title={JSON.stringify(c.row.original.detail)}>
            {auditDetailText(c.row.original)}
          </span>
        ),
      },
    ],
    [settings.timeDisplay],
  );

  const exportCsv = () =>
    downloadCsv(
      `audit-${fileStamp()}.csv`,
      ['id', 'time_utc', 'actor', 'action', 'target', 'detail'],
      entries.map((e) => [
        e.id,
        new Date(e.time).toISOString(),
        e.actor,
        e.action,
        e.target,
        JSON.stringify(e.detail),
      ]),
    );

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made through the app or the command line: who, when, what."
        actions={
          <button
            type="button"
            className="button"
            onClick={exportCsv}
            disabled={entries.length === 0}
          >
            <Icon name="download" size={14} /> Export CSV
          </button>
        }
      />
      <ActivityChart refreshKey={chartKey} />
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">Search the audit log</span>
          <Icon name="check" size={16} />
          <input
            type="search"
            placeholder="Search action, target, actor, detail  (/)"
            value={search}
            data-search
            onChange={(e) => {
              setSearch(e.target.value);
              setOlder([]);
              setLive([]);
            }}
          />
        </label>
        <span className="toolbar__count" data-testid="audit-count">
          {entries.length} of {total} entries
        </span>
      </div>
      {first.error && (
        <p className="callout callout--error" role="alert">
          {first.error.message}
        </p>
      )}
      <DataTable
        data={entries}
        columns={columns}
        getRowId={(e) => String(e.id)}
        label="Audit log entries"
        empty={
          search
            ? 'No entry matches the search.'
            : 'No changes recorded yet. Changing a setting adds the first entry.'
        }
      />
      {hasMore && (
        <div className="button-row button-row--center">
          <button
            type="button"
            className="button"
            onClick={() => void loadMore()}
            disabled={loadingMore}
          >
            {loadingMore ? 'Loading…' : `Load ${PAGE_SIZE} older entries`}
          </button>
        </div>
      )}
    </>
  );
}
