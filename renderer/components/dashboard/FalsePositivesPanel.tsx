// False positives per rule: rejections whose evidence says the mail was likely wanted, and those
// the admin confirmed — over time for one rule or all, and as a table with each rule's rate.
// Evidence is gathered in the background for the range shown; "pending" says how much is left.

import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { DashboardData } from '../../../core/app/api';
import { ChartFrame } from '../../charts/ChartFrame';
import { useChartTheme } from '../../charts/chart-theme';
import { formatCount } from '../../lib/format';
import { useSettings } from '../../state/settings-context';
import { DataTable } from '../DataTable';
import { axisProps, isoTime, timeLabel, tooltipProps } from './chart-parts';

type RuleRow = DashboardData['falsePositives']['byRule'][number];

const rate = (r: RuleRow) =>
  r.rejections ? Math.round(((r.likely + r.confirmed) / r.rejections) * 1000) / 10 : 0;

const COLUMNS: ColumnDef<RuleRow, unknown>[] = [
  { id: 'rule', header: 'Rule', accessorFn: (r) => r.label },
  { id: 'rejections', header: 'Rejections', accessorFn: (r) => r.rejections },
  { id: 'likely', header: 'Likely wanted', accessorFn: (r) => r.likely },
  { id: 'confirmed', header: 'Confirmed wanted', accessorFn: (r) => r.confirmed },
  {
    id: 'rate',
    header: 'False-positive rate',
    accessorFn: rate,
    cell: (c) => <span className="num">{rate(c.row.original).toFixed(1)} %</span>,
  },
  { id: 'pending', header: 'Evidence pending', accessorFn: (r) => r.pending },
];

export function FalsePositivesPanel({ data }: { data: DashboardData }) {
  const theme = useChartTheme();
  const { settings } = useSettings();
  const [rule, setRule] = useState('');
  const fp = data.falsePositives;
  const byTime = new Map(
    data.outcomes.map((o) => [o.time, { time: o.time, likely: 0, confirmed: 0 }]),
  );
  for (const p of fp.points) {
    if (rule && p.rule !== rule) continue;
    const row = byTime.get(p.time);
    if (!row) continue;
    row.likely += p.likely;
    row.confirmed += p.confirmed;
  }
  const rows = [...byTime.values()];
  const any = rows.some((r) => r.likely || r.confirmed);
  return (
    <div className="dashboard-grid">
      <ChartFrame
        title="False positives over time"
        name="false-positives"
        data={{
          header: ['time', 'rule', 'likely', 'confirmed'],
          rows: fp.points.map((p) => [isoTime(p.time), p.rule, p.likely, p.confirmed]),
        }}
      >
        <label className="chart-filter">
          Rule{' '}
          <select value={rule} onChange={(e) => setRule(e.target.value)}>
            <option value="">All rules</option>
            {fp.byRule.map((r) => (
              <option key={r.rule} value={r.rule}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        {!any ? (
          <p className="chart-empty">
            No rejection in this range looks like wanted mail
            {fp.pending
              ? ` yet (evidence is being gathered for ${formatCount(fp.pending)} rejections)`
              : ''}
            .
          </p>
        ) : (
          <ResponsiveContainer width="100%" height="85%">
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
              <XAxis
                dataKey="time"
                {...axisProps(theme)}
                tickFormatter={(t: number) => timeLabel(t, data.bucketMs, settings.timeDisplay)}
                minTickGap={24}
              />
              <YAxis allowDecimals={false} {...axisProps(theme)} />
              <Tooltip
                {...tooltipProps(theme)}
                labelFormatter={(t) =>
                  timeLabel(Number(t), data.bucketMs, settings.timeDisplay, true)
                }
              />
              <Legend wrapperStyle={{ fontSize: 12, color: theme.text }} />
              <Bar
                dataKey="likely"
                name="likely wanted"
                stackId="fp"
                fill={theme.deferred}
                isAnimationActive={false}
              />
              <Bar
                dataKey="confirmed"
                name="confirmed wanted"
                stackId="fp"
                fill={theme.rejected}
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        )}
      </ChartFrame>
      <section className="panel" aria-label="False positives per rule">
        <header className="panel__header">
          <h2>
            False positives per rule{' '}
            {fp.pending > 0 && (
              <span className="panel__note">
                evidence pending for {formatCount(fp.pending)} rejections
              </span>
            )}
          </h2>
        </header>
        <DataTable
          data={fp.byRule}
          columns={COLUMNS}
          getRowId={(r) => r.rule}
          label="False positives per rule"
          empty="No rejection in this range."
          initialSorting={[{ id: 'rate', desc: true }]}
        />
      </section>
    </div>
  );
}
