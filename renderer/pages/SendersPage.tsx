// Large cloud senders: the catalog with each provider's ranges and host names, where they come
// from (the shipped snapshot with its date, or a live refresh), what the last refresh changed, and
// a refresh from DNS with progress, and one-click whitelisting with its status per provider
// (not whitelisted, whitelisted at expansion X, not pushed yet, stale) and the push it needs.

import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { SenderSummary, SendersProgress } from '../../core/app/api';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { SenderDetailCard } from '../components/senders/SenderDetailCard';
import { matchesSearch } from '../components/senders/sender-text';
import { SendersTable } from '../components/senders/SendersTable';
import { WhitelistPanel } from '../components/senders/WhitelistPanel';
import { useApi, useEvent, useQuery } from '../state/api-context';
import { useNotifications } from '../state/notifications';

const DESCRIPTION =
  'Large cloud senders (Google, Microsoft, Amazon SES, …) whose retries come from pools of addresses, with the ranges their SPF records publish.';

function Detail({
  summary,
  refresh,
  refreshing,
  onRefresh,
}: {
  summary: SenderSummary;
  refresh: number;
  refreshing: boolean;
  onRefresh: () => void;
}) {
  const { data, error } = useQuery('senders.get', [{ id: summary.id }], refresh);
  if (error) return <p className="text-danger">{error.message}</p>;
  if (!data) return null;
  return (
    <SenderDetailCard detail={data} refreshing={refreshing} onRefresh={onRefresh}>
      <WhitelistPanel key={summary.id} provider={summary} status={summary.whitelist} />
    </SenderDetailCard>
  );
}

export function SendersPage() {
  const api = useApi();
  const { notify, notifyError } = useNotifications();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const selected = params.get('p');
  const [refresh, setRefresh] = useState(0);
  const [progress, setProgress] = useState<ReadonlyMap<string, SendersProgress>>(new Map());
  const [run, setRun] = useState<{ id: string; done: number; total: number } | undefined>();
  const { data, error } = useQuery('senders.list', [], refresh);
  useEvent('senders.changed', () => setRefresh((n) => n + 1));
  // The whitelist status follows the policy and what each server last had pushed to it.
  useEvent('policy.changed', () => setRefresh((n) => n + 1));
  useEvent('push.changed', () => setRefresh((n) => n + 1));
  useEvent('senders.progress', (p) => {
    setProgress((m) => new Map(m).set(p.providerId, p));
    setRun((r) => (r && r.id === p.runId ? { ...r, done: p.done, total: p.total } : r));
  });

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const start = async (ids?: string[]) => {
    const runId = `ui-${Date.now()}`;
    setRun({ id: runId, done: 0, total: ids?.length ?? data?.providers.length ?? 0 });
    const r = await api.call('senders.refresh', { runId, ...(ids ? { ids } : {}) });
    setRun(undefined);
    setProgress(new Map());
    if (!r.ok) return notifyError('Refresh failed', r.error);
    const changed = r.value.providers.filter((p) => p.changed).length;
    const incomplete = r.value.providers.filter((p) => !p.complete).length;
    notify({
      kind: incomplete ? 'warning' : 'success',
      title: `${r.value.providers.length} provider${r.value.providers.length === 1 ? '' : 's'} refreshed in ${r.value.ms} ms`,
      message: `${changed} changed${incomplete ? `, ${incomplete} incomplete (timeouts or DNS errors: their last ranges were kept)` : ''}.`,
    });
  };

  const all = data?.providers ?? [];
  const shown = all.filter((p) => matchesSearch(p, search));
  const snapshots = all.filter((p) => p.data.origin === 'snapshot').length;
  const selectedSummary = all.find((p) => p.id === selected);
  const stale = all.filter((p) => p.whitelist.state === 'stale');

  return (
    <>
      <PageHeader
        title="Senders"
        description={DESCRIPTION}
        actions={
          <button
            type="button"
            className="button button--primary"
            disabled={!!run || !data}
            onClick={() => void start()}
            data-testid="senders-refresh-all"
          >
            <Icon name="refresh" size={14} />{' '}
            {run ? `Refreshing… ${run.done}/${run.total}` : 'Refresh all from DNS'}
          </button>
        }
      />
      {error && <p className="text-danger">{error.message}</p>}
      {data && all.length === 0 && (
        <EmptyState
          icon="senders"
          title="No cloud senders"
          steps={['Add your own provider with `mxwarden senders add`.']}
        >
          <p>The catalog is empty.</p>
        </EmptyState>
      )}
      {data && all.length > 0 && (
        <>
          {snapshots > 0 && (
            <p className="callout callout--warning" data-testid="senders-snapshot-note">
              {snapshots === all.length ? 'All' : `${snapshots} of ${all.length}`} providers show
              the offline snapshot of {data.snapshotDate} shipped with mxwarden — not live data.
              Refresh to read their SPF records now.
            </p>
          )}
          {stale.length > 0 && (
            <p className="callout callout--warning" data-testid="senders-stale-note">
              Ranges changed for whitelisted {stale.map((p) => p.name).join(', ')}: open{' '}
              {stale.length === 1 ? 'it' : 'each'} to see the change, update the whitelist and push
              it.
            </p>
          )}
          <div className="toolbar">
            <label className="search">
              <span className="visually-hidden">Filter providers</span>
              <Icon name="check" size={16} />
              <input
                type="search"
                placeholder="Filter by name, id, category or SPF name  (/)"
                value={search}
                data-search
                onChange={(e) => setParam('q', e.target.value || null)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape' && search) {
                    e.preventDefault();
                    setParam('q', null);
                  }
                }}
              />
            </label>
            <span className="toolbar__count" aria-live="polite" data-testid="senders-count">
              {shown.length === all.length ? '' : `${shown.length} of `}
              {all.length} providers · catalog {data.catalogVersion}
            </span>
          </div>
          <SendersTable
            providers={shown}
            progress={progress}
            onOpen={(p) => setParam('p', p.id === selected ? null : p.id)}
          />
          {selectedSummary && (
            <Detail
              summary={selectedSummary}
              refresh={refresh}
              refreshing={progress.get(selectedSummary.id)?.state === 'running'}
              onRefresh={() => void start([selectedSummary.id])}
            />
          )}
        </>
      )}
    </>
  );
}
