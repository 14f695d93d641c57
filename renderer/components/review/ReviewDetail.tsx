// One review item in full: why it was probably wanted (the evidence in words), who and what
// (clients, senders, servers, rules, first and last seen), the newest log lines as the servers
// wrote them, and Check IP under the current policy — would it still be refused today?

import type { ReviewItem, ReviewItemDetail } from '../../../core/app/api';
import { formatCount, formatTime } from '../../lib/format';
import { useSettings } from '../../state/settings-context';

function Verdict({ detail }: { detail: ReviewItemDetail | undefined }) {
  if (!detail) return <p className="muted">Asking Check IP…</p>;
  if (detail.checkError)
    return (
      <p className="callout callout--error">
        Check IP could not run: {detail.checkError} Check the DNS servers in Settings.
      </p>
    );
  const c = detail.check;
  if (!c) return null;
  return (
    <p
      className={`callout ${c.stillRefused ? 'callout--warning' : ''}`}
      data-testid="review-verdict"
      data-refused={c.stillRefused}
    >
      <strong>{c.stillRefused ? 'Still refused today' : 'Accepted today'}</strong> under{' '}
      {c.policy.versionId ? `policy version ${c.policy.versionId}` : c.policy.name}
      {c.server ? `, as ${c.server} filters` : ''}: {c.verdict.summary}
      {c.sender ? ` (sender ${c.sender})` : ''}
    </p>
  );
}

export function ReviewDetail({
  item,
  detail,
}: {
  item: ReviewItem;
  detail: ReviewItemDetail | undefined;
}) {
  const { settings } = useSettings();
  const t = (ms: number) => formatTime(ms, settings.timeDisplay);
  return (
    <section className="card review-detail" aria-label={`Details of ${item.label}`}>
      <header className="card__header">
        <h2>{item.label}</h2>
        {item.decision && (
          <span className="badge badge--on" data-testid="review-decision">
            {item.decision.summary}
          </span>
        )}
      </header>
      <Verdict detail={detail} />
      <h3 className="section-title">Why it was probably wanted</h3>
      {item.reasons.length ? (
        <ul className="plain-list" data-testid="review-reasons">
          {item.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          {item.pending ? 'Evidence is being gathered…' : 'No sign that it was wanted.'}
        </p>
      )}
      <dl className="review-facts">
        <dt>Refused</dt>
        <dd>
          {formatCount(item.count)} time{item.count === 1 ? '' : 's'}, {t(item.firstSeen)} –{' '}
          {t(item.lastSeen)}
        </dd>
        <dt>Rules</dt>
        <dd>{item.rules.map((r) => `${r.label} (${r.count})`).join(', ')}</dd>
        <dt>Servers</dt>
        <dd>{item.servers.map((s) => s.name).join(', ')}</dd>
        <dt>Clients</dt>
        <dd>
          {item.clients
            .slice(0, 5)
            .map(
              (c) =>
                `${c.name && c.name !== 'unknown' ? `${c.name} ` : ''}[${c.address}] ×${c.count}`,
            )
            .join(', ')}
          {item.clients.length > 5 ? ` and ${item.clients.length - 5} more` : ''}
        </dd>
        <dt>Senders</dt>
        <dd>
          {item.senders.join(', ') || (
            <span className="muted">none (bounces, or before MAIL FROM)</span>
          )}
        </dd>
      </dl>
      <h3 className="section-title">Newest log lines</h3>
      {detail ? (
        <ul className="plain-list review-lines" data-testid="review-lines">
          {detail.samples.map((s, i) => (
            <li key={i}>
              <span className="muted">
                {s.server} · {t(s.time)}
              </span>
              <code className="verbatim">
                {s.line ??
                  `${s.rule}: ${s.client} ${s.sender ?? ''} → ${s.recipient ?? ''} (line not kept)`}
              </code>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
