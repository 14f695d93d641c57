// Rejections and deferrals by reason over time, stacked: which rule refused how much, when.

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
import { useSettings } from '../../state/settings-context';
import { axisProps, isoTime, timeLabel, tooltipProps } from './chart-parts';

export function RejectionsChart({ data }: { data: DashboardData }) {
  const theme = useChartTheme();
  const { settings } = useSettings();
  const { series, points } = data.rejections;
  const rows = points.map((p) => ({ time: p.time, ...p.counts }));
  const colour = (key: string, i: number) =>
    key === 'other' ? theme.muted : (theme.series[i % theme.series.length] as string);
  return (
    <ChartFrame
      title="Rejections by reason"
      name="rejections-by-reason"
      height={260}
      data={{
        header: ['time', ...series.map((s) => s.label)],
        rows: points.map((p) => [isoTime(p.time), ...series.map((s) => p.counts[s.key] ?? 0)]),
      }}
    >
      {series.length === 0 ? (
        <p className="chart-empty">Nothing was rejected or deferred in this range.</p>
      ) : (
        <ResponsiveContainer width="100%" height="100%">
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
            {series.map((s, i) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stackId="reasons"
                fill={colour(s.key, i)}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
}
