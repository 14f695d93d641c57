// Confirms removing a server. Cancel has the focus: Enter alone never removes anything.

import { useState } from 'react';
import type { ServerSummary } from '../../../core/app/api';
import { useApi } from '../../state/api-context';
import { Modal } from './Modal';

export function RemoveServerDialog({
  server,
  onCancel,
  onRemoved,
}: {
  server: ServerSummary;
  onCancel: () => void;
  onRemoved: () => void;
}) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const remove = async () => {
    setBusy(true);
    const r = await api.call('servers.remove', { id: server.id });
    setBusy(false);
    if (r.ok) onRemoved();
    else setError(r.error.message);
  };
  return (
    <Modal
      labelledBy="remove-title"
      onCancel={onCancel}
      busy={busy}
      className="dialog--form"
      testId="remove-dialog"
    >
      <h2 id="remove-title">
        Remove <span className="verbatim">{server.name}</span>?
      </h2>
      <p>
        mxwarden forgets this server, its status and its inspections. Nothing changes on the server
        itself, and its pinned host key stays in your known_hosts file.
      </p>
      {error && (
        <p className="callout callout--error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row button-row--end">
        <button type="button" className="button" onClick={onCancel} disabled={busy} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={() => void remove()}
          disabled={busy}
        >
          {busy ? 'Removing…' : 'Remove server'}
        </button>
      </div>
    </Modal>
  );
}
