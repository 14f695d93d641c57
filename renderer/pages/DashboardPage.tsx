// The dashboard: what the filters rejected, by which rule, and how much of it was wanted — live
// (redrawn when new log lines are written, within a second), for a time range and server set.

import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { BehaviourPanel } from '../components/dashboard/BehaviourPanel';
import { DashboardControls } from '../components/dashboard/DashboardControls';
import { isRangeKey, type RangeKey } from '../components/dashboard/dashboard-window';
import { DnsblPanel } from '../components/dashboard/DnsblPanel';
import { FalsePositivesPanel } from '../components/dashboard/FalsePositivesPanel';
import { OutcomesChart } from '../components/dashboard/OutcomesChart';
import { RejectionsChart } from '../components/dashboard/RejectionsChart';
import { SeedTable } from '../components/dashboard/SeedTable';
import { TailStrip } from '../components/dashboard/TailStrip';
import { TopTables } from '../components/dashboard/TopTables';
import { useLiveDashboard } from '../components/dashboard/use-live-dashboard';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { formatCount, formatTime } from '../lib/format';
import { useEvent, useQuery } from '../state/api-context';
import { useSettings } from '../state/settings-context';

function NoServer() {
  return (
    <EmptyState
      icon="dashboard"
      title="No server is reporting yet"
      steps={[
        'Add a mail server on the Servers page, by its SSH alias or host name, and confirm its host key.',
        'mxwarden reads its mail log over SSH — the history first, then every new line as it is written.',
        'Or import a log file from this machine: mxwarden ingest FILE --server NAME.',
      ]}
      action={
        <Link className="button button--primary" to="/servers">
          Go to Servers
        </Link>
      }
    >
      <p>
        Live charts will appear here: rejections by reason over time, accepted versus rejected, hits
        per DNS blocklist and their overlap, greylisting delays of mail that did retry, the top
        rejected clients and sender domains, and the false-positive rate of each rule.
      </p>
    </EmptyState>
  );
}

export function DashboardPage() {
  const { settings } = useSettings();
  const [params, setParams] = useSearchParams();
  const rangeParam = params.get('range');
  const range: RangeKey = isRangeKey(rangeParam) ? rangeParam : '24h';
  const selected = params
    .getAll('source')
    .map(Number)
    .filter((n) => Number.isInteger(n));
  const [sourcesTick, setSourcesTick] = useState(0);
  const sources = useQuery('stats.sources', [], sourcesTick);
  const servers = useQuery('servers.list', [], sourcesTick);
  useEvent('servers.changed', () => setSourcesTick((t) => t + 1));
  const live = useLiveDashboard(range, selected);
  // A server's first lines make its source (an import makes one too): show it in the server set.
  useEvent('stats.changed', (e) => {
    const known = new Set((sources.data ?? []).map((s) => s.id));
    if (e.sourceIds.length === 0 || e.sourceIds.some((id) => !known.has(id)))
      setSourcesTick((t) => t + 1);
  });

  const update = (next: { range?: RangeKey; sources?: number[] }) => {
    const p = new URLSearchParams(params);
    if (next.range) p.set('range', next.range);
    if (next.sources) {
      p.delete('source');
      for (const id of next.sources) p.append('source', String(id));
    }
    setParams(p, { replace: true });
  };

  const noServer = sources.data?.length === 0 && servers.data?.length === 0;
  const data = live.data;
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="What your filters rejected, by which rule, and how much of it was wanted."
      />
      {noServer ? (
        <NoServer />
      ) : (
        <div className="dashboard" aria-busy={live.stale}>
          <DashboardControls
            range={range}
            onRange={(r) => update({ range: r })}
            sources={sources.data ?? []}
            selected={selected}
            onSelected={(ids) => update({ sources: ids })}
          />
          <TailStrip />
          {live.error && (
            <p className="form-error" role="alert">
              The statistics could not be read: {live.error.message}
            </p>
          )}
          {data && data.empty ? (
            <EmptyState icon="dashboard" title="Waiting for the first log lines">
              <p>
                The servers are added; their mail logs have not given a line yet. The line above
                says how each log is being read. If a server stays &quot;failed&quot;, its page on
                Servers says why.
              </p>
            </EmptyState>
          ) : data ? (
            <>
              <p className="dashboard__summary" data-testid="dashboard-summary">
                {formatCount(data.lines)} lines read
                {data.unknownLines ? ` (${formatCount(data.unknownLines)} not understood)` : ''}
                {data.lastLineTime
                  ? `; newest ${formatTime(data.lastLineTime, settings.timeDisplay)}`
                  : ''}
                ; {data.resolution === 'minute' ? 'per minute' : `per ${data.resolution}`}.
              </p>
              <RejectionsChart data={data} />
              <OutcomesChart data={data} />
              <SeedTable seed={data.seed} />
              <DnsblPanel dnsbl={data.dnsbl} />
              <BehaviourPanel data={data} />
              <TopTables data={data} />
              <FalsePositivesPanel data={data} />
            </>
          ) : (
            <p className="muted">Loading…</p>
          )}
        </div>
      )}
    </>
  );
}
