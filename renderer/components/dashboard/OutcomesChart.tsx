// Accepted mail against refused attempts over time: is the filter busy, and is mail still
// getting through?

import {
  Area,
  AreaChart,
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

export function OutcomesChart({ data }: { data: DashboardData }) {
  const theme = useChartTheme();
  const { settings } = useSettings();
  const lines = [
    { key: 'accepted', name: 'Accepted', colour: theme.accepted },
    { key: 'rejected', name: 'Rejected', colour: theme.rejected },
    { key: 'deferred', name: 'Deferred (greylisting and temporary)', colour: theme.deferred },
  ] as const;
  return (
    <ChartFrame
      title="Accepted vs rejected"
      name="accepted-vs-rejected"
      data={{
        header: ['time', 'accepted', 'rejected', 'deferred'],
        rows: data.outcomes.map((o) => [isoTime(o.time), o.accepted, o.rejected, o.deferred]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data.outcomes} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
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
            labelFormatter={(t) => timeLabel(Number(t), data.bucketMs, settings.timeDisplay, true)}
          />
          <Legend wrapperStyle={{ fontSize: 12, color: theme.text }} />
          {lines.map((l) => (
            <Area
              key={l.key}
              type="monotone"
              dataKey={l.key}
              name={l.name}
              stroke={l.colour}
              fill={l.colour}
              fillOpacity={0.15}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
