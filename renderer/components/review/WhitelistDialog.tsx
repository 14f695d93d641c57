// Whitelisting from the review: the precision (the address, the network, a verified host-name
// suffix, the sender domain only when SPF passes, the whole provider — each item's own entry
// shown), the scope, an optional expiry and a note. One policy version for all the items; Enter
// saves (the primary button has the focus), Escape cancels.

import { useId, useState } from 'react';
import type {
  ReviewChange,
  ReviewPair,
  ReviewPrecision,
  ReviewScope,
  WhitelistPrecision,
} from '../../../core/app/api';
import { Modal } from '../servers/Modal';
import { useApi } from '../../state/api-context';
import { useNotifications } from '../../state/notifications';
import { defaultPrecision, PRECISION_LABELS, SCOPE_LABELS, SCOPES } from './review-text';

export interface WhitelistTarget {
  key: string;
  label: string;
  pairs: ReviewPair[];
  precisions: ReviewPrecision[];
  scope: ReviewScope;
}

const ORDER: WhitelistPrecision[] = ['address', 'network', 'hostname', 'sender-domain', 'provider'];

export function WhitelistDialog({
  targets,
  onDone,
  onCancel,
}: {
  targets: WhitelistTarget[];
  onDone: (change: ReviewChange) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const { notifyError } = useNotifications();
  const id = useId();
  const offered = ORDER.filter((p) =>
    targets.some((t) => t.precisions.some((x) => x.precision === p)),
  );
  const first = targets[0];
  const [precision, setPrecision] = useState<WhitelistPrecision>(
    defaultPrecision(first?.precisions ?? []),
  );
  const [scope, setScope] = useState<ReviewScope>(first?.scope ?? 'all');
  const [expires, setExpires] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const chosen = targets.flatMap((t) => {
    const p = t.precisions.find((x) => x.precision === precision);
    return p ? [{ t, p }] : [];
  });
  const left = targets.filter((t) => !chosen.some((c) => c.t === t));

  const save = async () => {
    if (!chosen.length) return;
    setBusy(true);
    setError(undefined);
    const r = await api.call('review.whitelist', {
      items: chosen.map(({ t, p }) => ({
        key: t.key,
        label: t.label,
        precision: p.precision,
        value: p.value,
        pairs: t.pairs,
      })),
      scope,
      ...(expires ? { expires } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      if (r.error.code !== 'CONFLICT') notifyError('Not whitelisted', r.error);
      return;
    }
    onDone(r.value);
  };

  return (
    <Modal labelledBy={`${id}-title`} onCancel={onCancel} busy={busy} testId="whitelist-dialog">
      <h2 id={`${id}-title`}>
        Whitelist {targets.length === 1 ? first?.label : `${targets.length} senders`}
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset className="field">
          <legend>Precision</legend>
          <div role="radiogroup" aria-label="Precision">
            {offered.map((p) => {
              const example =
                chosen.find((c) => c.p.precision === p)?.p ??
                targets.flatMap((t) => t.precisions).find((x) => x.precision === p);
              return (
                <label key={p} className="checkbox">
                  <input
                    type="radio"
                    name={`${id}-precision`}
                    value={p}
                    checked={precision === p}
                    onChange={() => setPrecision(p)}
                  />
                  <span>
                    {PRECISION_LABELS[p]}
                    {example && targets.length === 1 ? (
                      <span className="muted"> — {example.words}</span>
                    ) : null}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
        {left.length > 0 && (
          <p className="callout callout--warning">
            Left out (this precision does not apply to them): {left.map((t) => t.label).join(', ')}
          </p>
        )}
        <fieldset className="field">
          <legend>Scope</legend>
          <div role="radiogroup" aria-label="Scope">
            {SCOPES.map((s) => (
              <label key={s} className="checkbox">
                <input
                  type="radio"
                  name={`${id}-scope`}
                  value={s}
                  checked={scope === s}
                  onChange={() => setScope(s)}
                />
                <span>
                  {SCOPE_LABELS[s].label} <span className="muted">— {SCOPE_LABELS[s].hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="form-field">
          <label htmlFor={`${id}-expires`}>Until (optional)</label>
          <input
            id={`${id}-expires`}
            type="date"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
          />
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-note`}>Note (optional)</label>
          <input
            id={`${id}-note`}
            type="text"
            maxLength={500}
            value={note}
            placeholder="why, ticket number…"
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {error && (
          <p className="callout callout--error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row button-row--end">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || !chosen.length}
            data-autofocus
            data-testid="whitelist-save"
          >
            {busy
              ? 'Saving…'
              : `Whitelist ${chosen.length === 1 ? (chosen[0]?.p.value ?? '') : `${chosen.length} senders`}`}
          </button>
        </div>
      </form>
    </Modal>
  );
}
