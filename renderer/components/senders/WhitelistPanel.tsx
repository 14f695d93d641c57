// One-click whitelisting of a provider: its status (not whitelisted, whitelisted at expansion X,
// not pushed yet, stale with the exact change), the scope, whitelist / update / stop buttons —
// each a new policy version — and "Push now…", the push dialog for the whole fleet.

import { useId, useState } from 'react';
import type { CloudScope, WhitelistChange, WhitelistStatus } from '../../../core/app/api';
import { CLOUD_SCOPE_WORDS } from '../../../core/policy/cloud-senders';
import { CLOUD_SCOPES } from '../../../core/policy/schema';
import { usePushLauncher } from '../push/push-launcher';
import { useApi } from '../../state/api-context';
import { useNotifications } from '../../state/notifications';
import { pinnedDataWords } from './sender-text';

const SCOPE_HINTS: Record<CloudScope, string> = {
  greylisting: 'Its retries come from a pool: greylisting them again and again delays mail.',
  postscreen: "Also skips postscreen's DNS lists and pregreet test (not smtpd's checks).",
  all: 'Accepted without any further check (HELO, reverse DNS, lists, greylisting).',
};

function Changes({ status }: { status: WhitelistStatus }) {
  const c = status.changes;
  if (!c) return null;
  const lines = [
    ...c.added.map((r) => `+ ${r}`),
    ...c.removed.map((r) => `− ${r}`),
    ...c.hostnamesAdded.map((h) => `+ *.${h}`),
    ...c.hostnamesRemoved.map((h) => `− *.${h}`),
  ];
  return (
    <div data-testid="whitelist-changes">
      <p>
        Its ranges changed since they were whitelisted (
        {c.current.origin === 'live'
          ? `expansion ${c.current.expansionId ?? '?'} of ${c.current.asOf.slice(0, 10)}`
          : `the snapshot of ${c.current.asOf}`}
        ): the servers still have the old ones.
      </p>
      <ul className="plain-list">
        {lines.map((l) => (
          <li key={l}>
            <code className="verbatim">{l}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function WhitelistPanel({
  provider,
  status,
}: {
  provider: { id: string; name: string };
  status: WhitelistStatus;
}) {
  const api = useApi();
  const openPush = usePushLauncher();
  const { notify, notifyError } = useNotifications();
  const name = useId();
  const [scope, setScope] = useState<CloudScope>(status.scope ?? 'greylisting');
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<WhitelistChange>();

  const run = async (what: 'whitelist' | 'unwhitelist') => {
    setBusy(true);
    const r =
      what === 'whitelist'
        ? await api.call('senders.whitelist', { id: provider.id, scope })
        : await api.call('senders.unwhitelist', { id: provider.id });
    setBusy(false);
    if (!r.ok) return notifyError(`${provider.name}: not changed`, r.error);
    setLast(r.value);
    notify({
      kind: 'success',
      title: `Policy version ${r.value.versionId} saved`,
      message: `${r.value.message}. Push it to the servers to apply it.`,
    });
  };

  const on = status.state !== 'off';
  const needsPush = last !== undefined || status.unpushed.length > 0 || status.state === 'stale';
  return (
    <section data-testid="whitelist-panel">
      <h3 className="section-title">Whitelist</h3>
      <p data-testid="whitelist-status">
        {status.state === 'off' && <>Not whitelisted.</>}
        {on && status.pinned && (
          <>
            Whitelisted at {pinnedDataWords(status.pinned)} ({status.pinned.ranges} ranges
            {status.pinned.hostnames ? `, ${status.pinned.hostnames} host names` : ''}):{' '}
            {status.scope ? CLOUD_SCOPE_WORDS[status.scope] : ''}.
          </>
        )}
        {status.state === 'whitelisted' && <> Every server has it.</>}
        {status.unpushed.length > 0 && (
          <span className="badge badge--warn">
            {' '}
            Not pushed yet to {status.unpushed.join(', ')}.
          </span>
        )}
      </p>
      {status.state === 'stale' && <Changes status={status} />}
      <fieldset className="field">
        <legend>Scope</legend>
        <div role="radiogroup" aria-label="Whitelist scope">
          {CLOUD_SCOPES.map((s) => (
            <label key={s} className="checkbox">
              <input
                type="radio"
                name={name}
                value={s}
                checked={scope === s}
                onChange={() => setScope(s)}
              />
              <span>
                {CLOUD_SCOPE_WORDS[s]} <span className="muted">— {SCOPE_HINTS[s]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="button-row">
        {!on && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void run('whitelist')}
            data-testid="whitelist-add"
          >
            Whitelist {provider.name}
          </button>
        )}
        {on && (status.state === 'stale' || scope !== status.scope) && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void run('whitelist')}
            data-testid="whitelist-update"
          >
            {status.state === 'stale' ? 'Update to the current ranges' : 'Change the scope'}
          </button>
        )}
        {on && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run('unwhitelist')}
            data-testid="whitelist-remove"
          >
            Stop whitelisting
          </button>
        )}
        {needsPush && (
          <button
            type="button"
            className="button"
            onClick={() => openPush({ all: true })}
            data-testid="whitelist-push"
          >
            Push now…
          </button>
        )}
      </div>
      {last && (
        <p className="muted" data-testid="whitelist-last">
          Saved as policy version {last.versionId}:{' '}
          {last.changes.map((c) => c.text).join('; ') || last.message}
        </p>
      )}
    </section>
  );
}
