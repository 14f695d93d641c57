// Hits per DNS blocklist and how the lists overlap: a list that only ever finds clients another
// list already found adds DNS queries, not protection.

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardData } from '../../../core/app/api';
import { ChartFrame } from '../../charts/ChartFrame';
import { useChartTheme } from '../../charts/chart-theme';
import { axisProps, tooltipProps } from './chart-parts';

const overlapLabel = (lists: string[]) =>
  lists.length === 1 ? `${lists[0]} only` : lists.join(' + ');

export function DnsblPanel({ dnsbl }: { dnsbl: DashboardData['dnsbl'] }) {
  const theme = useChartTheme();
  const overlap = dnsbl.overlap.map((o) => ({ set: overlapLabel(o.lists), clients: o.clients }));
  const height = (n: number) => Math.max(120, 40 + n * 26);
  return (
    <div className="dashboard-grid">
      <ChartFrame
        title="Hits per DNS list"
        name="dnsbl-hits"
        height={height(dnsbl.hits.length)}
        data={{ header: ['list', 'hits'], rows: dnsbl.hits.map((h) => [h.list, h.hits]) }}
      >
        {dnsbl.hits.length === 0 ? (
          <p className="chart-empty">No DNS list found a client in this range.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={dnsbl.hits} layout="vertical" margin={{ left: 40, right: 16 }}>
              <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} {...axisProps(theme)} />
              <YAxis type="category" dataKey="list" width={150} {...axisProps(theme)} />
              <Tooltip {...tooltipProps(theme)} />
              <Bar dataKey="hits" name="hits" fill={theme.series[3]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </ChartFrame>
      <ChartFrame
        title="Clients by the lists that found them (overlap)"
        name="dnsbl-overlap"
        height={height(overlap.length)}
        data={{
          header: ['lists', 'clients'],
          rows: dnsbl.overlap.map((o) => [o.lists.join(' '), o.clients]),
        }}
      >
        {overlap.length === 0 ? (
          <p className="chart-empty">
            No client was scored by postscreen&apos;s DNS lists in this range (the overlap comes
            from postscreen&apos;s dnsblog lines).
          </p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={overlap} layout="vertical" margin={{ left: 40, right: 16 }}>
              <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} {...axisProps(theme)} />
              <YAxis type="category" dataKey="set" width={190} {...axisProps(theme)} />
              <Tooltip {...tooltipProps(theme)} />
              <Bar
                dataKey="clients"
                name="clients"
                fill={theme.series[4]}
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        )}
      </ChartFrame>
    </div>
  );
}
