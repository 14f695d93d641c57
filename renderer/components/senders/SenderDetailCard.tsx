// One provider: what it is, its ranges and host names with where they came from, what the last
// refresh changed, the problems its records have, and its refresh history; the page puts the
// whitelist panel in it.

import type { ReactNode } from 'react';
import type { SenderDetail } from '../../../core/app/api';
import { Card } from '../servers/Card';
import { TimeAgo } from '../servers/TimeAgo';
import { CATEGORY_LABELS } from './sender-text';

function RangeList({ cidrs, mark }: { cidrs: string[]; mark?: '+' | '−' }) {
  if (cidrs.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="plain-list">
      {cidrs.map((c) => (
        <li key={c}>
          <code className="verbatim">
            {mark ? `${mark} ` : ''}
            {c}
          </code>
        </li>
      ))}
    </ul>
  );
}

export function SenderDetailCard({
  detail,
  refreshing,
  onRefresh,
  children,
}: {
  detail: SenderDetail;
  refreshing: boolean;
  onRefresh: () => void;
  /** The whitelist panel, right under the facts. */
  children?: ReactNode;
}) {
  const { provider: p, current: e } = detail;
  const d = e.diff;
  const added = d ? [...d.added.v4, ...d.added.v6] : [];
  const removed = d ? [...d.removed.v4, ...d.removed.v6] : [];
  const problems = e.issues.filter((i) => i.severity !== 'info');
  const notes = e.issues.filter((i) => i.severity === 'info');
  return (
    <Card
      title={p.name}
      testId="sender-detail"
      actions={
        <button
          type="button"
          className="button button--small"
          disabled={refreshing}
          onClick={onRefresh}
        >
          {refreshing ? 'Expanding…' : 'Refresh from DNS'}
        </button>
      }
    >
      <dl className="facts">
        <dt>Policy source</dt>
        <dd>
          <code>cloud:{p.id}</code> · {CATEGORY_LABELS[p.category] ?? p.category}
          {p.origin === 'user' ? ' · your own provider' : ' · from the catalog'}
        </dd>
        <dt>SPF names</dt>
        <dd>
          {p.spf.length ? (
            p.spf.map((n) => <code key={n}>{n} </code>)
          ) : (
            <span className="muted">none published</span>
          )}
        </dd>
        <dt>Data</dt>
        <dd data-testid="sender-origin">
          {e.origin === 'snapshot' ? (
            <>
              <span className="badge badge--off">Offline snapshot of {e.asOf}</span> — not live
              data. {e.source}
            </>
          ) : (
            <>
              <span className="badge badge--on">Live</span> read <TimeAgo at={e.at} inline /> from{' '}
              {e.source.replace(/^DNS /, '')} in {e.ms} ms, {e.lookups} DNS lookup
              {e.lookups === 1 ? '' : 's'}
            </>
          )}
        </dd>
        {p.notes && (
          <>
            <dt>Notes</dt>
            <dd>{p.notes}</dd>
          </>
        )}
        {p.docs && (
          <>
            <dt>Documentation</dt>
            <dd>
              <a href={p.docs} target="_blank" rel="noreferrer noopener">
                {p.docs}
              </a>
            </dd>
          </>
        )}
      </dl>
      {children}
      <div className="card-grid">
        <section>
          <h3 className="section-title">IPv4 ranges ({e.ranges.v4.length})</h3>
          <RangeList cidrs={e.ranges.v4} />
        </section>
        <section>
          <h3 className="section-title">IPv6 ranges ({e.ranges.v6.length})</h3>
          <RangeList cidrs={e.ranges.v6} />
        </section>
        <section>
          <h3 className="section-title">Host names ({e.hostnames.length})</h3>
          {e.hostnames.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <ul className="plain-list">
              {e.hostnames.map((h) => (
                <li key={h.suffix}>
                  <code>*.{h.suffix}</code>{' '}
                  <span className="muted">({h.term}; forward-confirmed names only)</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {d && (
        <section data-testid="sender-diff">
          <h3 className="section-title">
            Changes since {d.against === 'snapshot' ? 'the snapshot' : 'the refresh before'}
          </h3>
          {added.length + removed.length + d.hostnamesAdded.length + d.hostnamesRemoved.length ===
          0 ? (
            <p className="muted">No change.</p>
          ) : (
            <>
              <RangeList cidrs={added} mark="+" />
              <RangeList cidrs={removed} mark="−" />
            </>
          )}
        </section>
      )}
      {problems.length > 0 && (
        <section>
          <h3 className="section-title">Problems ({problems.length})</h3>
          <ul className="plain-list" data-testid="sender-problems">
            {problems.map((i, n) => (
              <li key={n} className={i.severity === 'error' ? 'text-danger' : ''}>
                {i.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {notes.length > 0 && (
        <section>
          <h3 className="section-title">Notes on the records</h3>
          <ul className="plain-list">
            {notes.map((i, n) => (
              <li key={n} className="muted">
                {i.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {detail.history.length > 0 && (
        <section>
          <h3 className="section-title">Refreshes</h3>
          <ul className="plain-list">
            {detail.history.map((h) => (
              <li key={h.id}>
                <TimeAgo at={h.at} inline /> · {h.ms} ms · {h.lookups} lookup
                {h.lookups === 1 ? '' : 's'}
                {h.complete ? '' : ' · incomplete'}
                {h.diff
                  ? ` · +${h.diff.added.v4.length + h.diff.added.v6.length} −${h.diff.removed.v4.length + h.diff.removed.v6.length}`
                  : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Card>
  );
}
