// How clients behave: the share of connections that end without QUIT (typical of spam software,
// rare for real mail servers), and how long wanted mail waited in greylisting before it retried.

import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
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
import { axisProps, isoTime, timeLabel, tooltipProps } from './chart-parts';

const percent = (part: number, whole: number) =>
  whole ? Math.round((part / whole) * 1000) / 10 : null;

function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function BehaviourPanel({ data }: { data: DashboardData }) {
  const theme = useChartTheme();
  const { settings } = useSettings();
  const q = data.quitless;
  const g = data.greylist;
  const rate = q.points.map((p) => ({ time: p.time, rate: percent(p.withoutQuit, p.disconnects) }));
  const overall = percent(q.withoutQuit, q.disconnects);
  return (
    <div className="dashboard-grid">
      <ChartFrame
        title={`Connections without QUIT${overall === null ? '' : `: ${overall} %`}`}
        name="quitless-connections"
        data={{
          header: ['time', 'disconnects', 'without QUIT', 'percent'],
          rows: q.points.map((p) => [
            isoTime(p.time),
            p.disconnects,
            p.withoutQuit,
            percent(p.withoutQuit, p.disconnects) ?? '',
          ]),
        }}
      >
        {q.disconnects === 0 ? (
          <p className="chart-empty">No smtpd session ended in this range.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={rate} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
              <XAxis
                dataKey="time"
                {...axisProps(theme)}
                tickFormatter={(t: number) => timeLabel(t, data.bucketMs, settings.timeDisplay)}
                minTickGap={24}
              />
              <YAxis domain={[0, 100]} unit=" %" {...axisProps(theme)} />
              <Tooltip
                {...tooltipProps(theme)}
                labelFormatter={(t) =>
                  timeLabel(Number(t), data.bucketMs, settings.timeDisplay, true)
                }
              />
              <Line
                dataKey="rate"
                name="without QUIT (%)"
                stroke={theme.series[1]}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        )}
      </ChartFrame>
      <ChartFrame
        title="Greylisting: how long mail that retried waited"
        name="greylist-delays"
        data={{
          header: ['waited', 'from seconds', 'to seconds', 'triplets'],
          rows: g.delays.map((d) => [d.label, d.fromSeconds, d.toSeconds ?? '', d.triplets]),
        }}
      >
        <p className="chart-note">
          {formatCount(g.passedTriplets)} triplets retried and passed
          {g.medianDelaySeconds !== undefined
            ? ` (median wait ${duration(g.medianDelaySeconds)})`
            : ''}
          ; {formatCount(g.neverPassedTriplets)} never came back.
        </p>
        {g.passedTriplets === 0 ? (
          <p className="chart-empty">No greylisted mail retried in this range.</p>
        ) : (
          <ResponsiveContainer width="100%" height="85%">
            <BarChart data={g.delays} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" {...axisProps(theme)} interval={0} fontSize={10} />
              <YAxis allowDecimals={false} {...axisProps(theme)} />
              <Tooltip {...tooltipProps(theme)} />
              <Bar
                dataKey="triplets"
                name="triplets"
                fill={theme.series[2]}
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        )}
      </ChartFrame>
    </div>
  );
}
