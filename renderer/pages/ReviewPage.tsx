// The review queue: senders the filters refused, grouped by provider, sender organisation or
// client network, likeliest wanted first, with the evidence, the log lines and Check IP's verdict
// today; whitelist at a chosen precision and scope, dismiss as spam, undo, in bulk on a
// selection — all from the keyboard (? lists the keys) — and the greylisting delays view.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { GreylistDelayRow, ReviewChange, ReviewItem } from '../../core/app/api';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import {
  RANGES,
  isRangeKey,
  windowFor,
  type RangeKey,
} from '../components/dashboard/dashboard-window';
import { DecisionBar } from '../components/review/DecisionBar';
import { GreylistDelays } from '../components/review/GreylistDelays';
import { ReviewDetail } from '../components/review/ReviewDetail';
import { ReviewTable, type ReviewTableHandle } from '../components/review/ReviewTable';
import { WhitelistDialog, type WhitelistTarget } from '../components/review/WhitelistDialog';
import { defaultScope } from '../components/review/review-text';
import { useApi, useEvent, useQuery } from '../state/api-context';
import { useNotifications } from '../state/notifications';
import '../styles/review.css';

type Status = 'open' | 'decided' | 'all';
const STATUSES: { key: Status; label: string }[] = [
  { key: 'open', label: 'To review' },
  { key: 'decided', label: 'Decided' },
  { key: 'all', label: 'All' },
];

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

const KEYS: [string, string][] = [
  ['j / ↓, k / ↑', 'next / previous sender'],
  ['Space or x', 'select or unselect it'],
  ['a', 'select all / none'],
  ['w', 'whitelist (the selection, or this one)'],
  ['d', 'dismiss as spam'],
  ['u', 'undo its decision'],
  ['p', 'push the last change'],
  ['g', 'greylisting delays / the queue'],
];

export function ReviewPage() {
  const api = useApi();
  const { notify, notifyError } = useNotifications();
  const [params, setParams] = useSearchParams();
  const rangeParam = params.get('range');
  const range: RangeKey = isRangeKey(rangeParam) ? rangeParam : '24h';
  const status = (STATUSES.find((s) => s.key === params.get('status'))?.key ?? 'open') as Status;
  const view = params.get('view') === 'greylist' ? 'greylist' : 'queue';
  const [refresh, setRefresh] = useState(0);
  const [win, setWin] = useState(() => windowFor(range, Date.now()));
  /** Reload, with the window moved to now (it ends at the current minute). */
  const bump = (r: RangeKey = range) => {
    setWin(windowFor(r, Date.now()));
    setRefresh((n) => n + 1);
  };

  const queue = useQuery('review.queue', [{ ...win, status }], refresh);
  const greylist = useQuery('review.greylist', [win], view === 'greylist' ? refresh : -1);
  // New lines, new evidence, decisions elsewhere: the queue follows (coalesced by the core).
  useEvent('stats.changed', () => bump());
  useEvent('policy.changed', () => bump());

  const items = queue.data?.items ?? [];
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const current: ReviewItem | undefined = items[Math.min(active, items.length - 1)];
  const [detailKey, setDetailKey] = useState<string>();
  // Check IP runs for the row that stays active a moment, not for every row passed on the way.
  useEffect(() => {
    const t = setTimeout(() => setDetailKey(current?.key), 250);
    return () => clearTimeout(t);
  }, [current?.key]);
  const detail = useQuery(
    'review.item',
    [{ key: detailKey ?? '', ...win }],
    detailKey ? refresh : -1,
  );
  const detailData = detailKey && detail.data?.item.key === detailKey ? detail.data : undefined;

  const [whitelisting, setWhitelisting] = useState<WhitelistTarget[]>();
  const [last, setLast] = useState<ReviewChange & { undone?: boolean }>();
  const table = useRef<ReviewTableHandle>(null);

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

  const chosen = (): ReviewItem[] =>
    selected.size ? items.filter((i) => selected.has(i.key)) : current ? [current] : [];

  const whitelist = (list = chosen()) => {
    if (!list.length) return;
    setWhitelisting(
      list.map((i) => ({
        key: i.key,
        label: i.label,
        pairs: i.pairs,
        precisions: i.precisions,
        scope: defaultScope(i.rules.map((r) => r.rule)),
      })),
    );
  };

  const exceptGreylisting = (r: GreylistDelayRow) =>
    setWhitelisting([
      {
        key: r.key,
        label: r.label,
        pairs: r.pairs,
        precisions: [r.suggestion],
        scope: 'greylisting',
      },
    ]);

  const done = (change: ReviewChange) => {
    setWhitelisting(undefined);
    setSelected(new Set());
    setLast(change);
    bump();
  };

  const dismiss = async () => {
    const list = chosen();
    if (!list.length) return;
    const r = await api.call('review.dismiss', {
      items: list.map((i) => ({ key: i.key, label: i.label, pairs: i.pairs })),
    });
    if (!r.ok) return notifyError('Not dismissed', r.error);
    done(r.value);
  };

  const undo = async (ids: number[]) => {
    const r = await api.call('review.undo', { decisionIds: ids });
    if (!r.ok) return notifyError('Not undone', r.error);
    notify({ kind: 'success', title: 'Undone', message: r.value.message });
    setLast({ ...r.value, undone: true });
    bump();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || whitelisting) return;
    const k = e.key;
    if (k === 'g') {
      e.preventDefault();
      setParam('view', view === 'greylist' ? null : 'greylist');
    } else if (view !== 'queue') return;
    else if (k === 'w') {
      e.preventDefault();
      whitelist();
    } else if (k === 'd') {
      e.preventDefault();
      void dismiss();
    } else if (k === 'u' && current?.decision) {
      e.preventDefault();
      void undo([current.decision.id]);
    } else if (k === 'p' && last?.versionId !== undefined) {
      e.preventDefault();
      window.dispatchEvent(
        new CustomEvent('mxwarden:open-push', {
          detail: last.pushServerIds.length ? { serverIds: last.pushServerIds } : { all: true },
        }),
      );
    } else if (
      (k === 'j' || k === 'k' || k === 'ArrowDown') &&
      !(e.target instanceof HTMLTableRowElement)
    ) {
      // From anywhere on the page, the keys that move in the list bring the focus to it.
      e.preventDefault();
      table.current?.focusActive();
    }
  };

  return (
    <div className="review-page" onKeyDown={onKeyDown}>
      <PageHeader
        title="Review"
        description="Wanted mail your filters blocked, with the evidence, and a one-click whitelist."
        actions={
          <div className="review-controls">
            <label>
              Range{' '}
              <select
                value={range}
                onChange={(e) => {
                  setParam('range', e.target.value);
                  if (isRangeKey(e.target.value)) bump(e.target.value);
                }}
              >
                {RANGES.map((r) => (
                  <option key={r.key} value={r.key}>
                    {r.label}
                  </option>
                ))}
              </select>
            </label>
            {view === 'queue' && (
              <label>
                Show{' '}
                <select value={status} onChange={(e) => setParam('status', e.target.value)}>
                  {STATUSES.map((s) => (
                    <option key={s.key} value={s.key}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button
              type="button"
              className="button"
              onClick={() => setParam('view', view === 'greylist' ? null : 'greylist')}
              aria-keyshortcuts="g"
            >
              {view === 'greylist' ? 'Refused senders' : 'Greylisting delays'} (g)
            </button>
          </div>
        }
      />
      {last && (
        <DecisionBar
          change={last}
          onUndo={() => void undo(last.decisionIds)}
          onClose={() => setLast(undefined)}
        />
      )}
      {view === 'greylist' ? (
        greylist.error ? (
          <p className="callout callout--error">{greylist.error.message}</p>
        ) : greylist.data ? (
          <GreylistDelays rows={greylist.data} onExcept={exceptGreylisting} />
        ) : (
          <p className="muted">Loading…</p>
        )
      ) : queue.error ? (
        <p className="callout callout--error">{queue.error.message}</p>
      ) : !queue.data ? (
        <p className="muted">Gathering the evidence…</p>
      ) : items.length === 0 ? (
        <EmptyState
          icon="review"
          title={status === 'open' ? 'Nothing to review' : 'No decisions in this range'}
          steps={[
            'Every rejected or deferred sender of the range is grouped by provider, organisation or network.',
            'Senders with evidence of being wanted (forward-confirmed rDNS, SPF pass, a provider pool) come first.',
            'Choose a longer range, or add a server on the Servers page so its log is followed.',
          ]}
        >
          <p>Refused senders appear here as the servers' logs are read.</p>
        </EmptyState>
      ) : (
        <div className="review-layout">
          <div>
            <p className="muted review-summary" data-testid="review-summary">
              {queue.data.total} sender{queue.data.total === 1 ? '' : 's'} refused in the range,{' '}
              {queue.data.decided} decided
              {queue.data.pending
                ? `; evidence still being gathered for ${queue.data.pending}`
                : ''}
              {selected.size ? ` · ${selected.size} selected` : ''}
            </p>
            <div className="button-row">
              <button
                type="button"
                className="button button--primary"
                onClick={() => whitelist()}
                aria-keyshortcuts="w"
              >
                Whitelist{selected.size > 1 ? ` ${selected.size}` : ''}… (w)
              </button>
              <button
                type="button"
                className="button"
                onClick={() => void dismiss()}
                aria-keyshortcuts="d"
              >
                Dismiss as spam (d)
              </button>
              {current?.decision && (
                <button
                  type="button"
                  className="button"
                  onClick={() => void undo([(current.decision as { id: number }).id])}
                  aria-keyshortcuts="u"
                >
                  Undo (u)
                </button>
              )}
            </div>
            <ReviewTable
              ref={table}
              items={items}
              active={Math.min(active, items.length - 1)}
              onActive={setActive}
              selected={selected}
              onSelected={setSelected}
            />
            <details className="review-keys">
              <summary>Keys</summary>
              <dl>
                {KEYS.map(([k, what]) => (
                  <div key={k}>
                    <dt>
                      <kbd>{k}</kbd>
                    </dt>
                    <dd>{what}</dd>
                  </div>
                ))}
              </dl>
            </details>
          </div>
          {current && <ReviewDetail item={current} detail={detailData} />}
        </div>
      )}
      {whitelisting && (
        <WhitelistDialog
          targets={whitelisting}
          onCancel={() => setWhitelisting(undefined)}
          onDone={done}
        />
      )}
    </div>
  );
}
