// A server's pushes, newest first: when, who, which version, what became of it here; a row opens
// the details; a version this server once ran can be pushed again (a rollback).

import { useState } from 'react';
import type { PushSummary } from '../../../core/app/types/push';
import { useEvent, useQuery } from '../../state/api-context';
import { Card } from '../servers/Card';
import { Modal } from '../servers/Modal';
import { TimeAgo } from '../servers/TimeAgo';
import { OutcomeBadge } from './OutcomeBadge';
import { usePushLauncher } from './push-launcher';
import { PushResults } from './PushResults';
import { STEP_LABEL } from './push-words';

function Details({ push, onClose }: { push: PushSummary; onClose: () => void }) {
  return (
    <Modal
      labelledBy="push-details-title"
      onCancel={onClose}
      className="dialog--push"
      testId="push-details"
    >
      <h2 id="push-details-title">
        Push {push.id} by {push.actor}
      </h2>
      <PushResults summary={push} />
      <div className="button-row button-row--end">
        <button type="button" className="button button--primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Modal>
  );
}

export function PushHistoryCard({
  serverId,
  serverName,
}: {
  serverId: number;
  serverName: string;
}) {
  const [refresh, setRefresh] = useState(0);
  const { data, error } = useQuery('push.list', [{ serverId, limit: 50 }], refresh);
  useEvent('push.changed', () => setRefresh((n) => n + 1));
  const [open, setOpen] = useState<PushSummary>();
  const launch = usePushLauncher();
  const rows = (data ?? []).map((p) => ({
    push: p,
    here: p.servers.find((s) => s.serverId === serverId),
  }));
  return (
    <Card
      title="Pushes"
      testId="push-history"
      actions={
        <button
          type="button"
          className="button button--primary"
          onClick={() => launch({ serverIds: [serverId] })}
        >
          Push…
        </button>
      }
    >
      {error && (
        <p className="callout callout--error">Could not read the history: {error.message}</p>
      )}
      {data && !data.length && (
        <p className="muted">Nothing has been pushed to {serverName} from this app yet.</p>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" aria-label={`Pushes to ${serverName}`}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Version</th>
                <th scope="col">Outcome here</th>
                <th scope="col">Step</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ push, here }) => (
                <tr
                  key={push.id}
                  className="is-clickable"
                  tabIndex={0}
                  data-testid="push-row"
                  data-push={push.id}
                  onClick={() => setOpen(push)}
                  onKeyDown={(e) => {
                    if (e.key !== 'Enter' || e.target !== e.currentTarget) return;
                    // Otherwise the same Enter, as a keypress, clicks the dialog's focused Close.
                    e.preventDefault();
                    setOpen(push);
                  }}
                >
                  <td>
                    <TimeAgo at={push.startedAt} />
                  </td>
                  <td>{push.actor}</td>
                  <td>
                    v{push.policyVersionId}
                    {push.dryRun ? ' (dry run)' : push.kind === 'rollback' ? ' (rollback)' : ''}
                  </td>
                  <td>{here ? <OutcomeBadge outcome={here.outcome} /> : '—'}</td>
                  <td>{here?.failedStep ? STEP_LABEL[here.failedStep] : ''}</td>
                  <td>
                    {here?.outcome === 'applied' && !push.dryRun && (
                      <button
                        type="button"
                        className="button button--small"
                        title={`Push version ${push.policyVersionId} to ${serverName} again`}
                        onClick={(e) => {
                          e.stopPropagation();
                          launch({ serverIds: [serverId], policyVersionId: push.policyVersionId });
                        }}
                      >
                        Push v{push.policyVersionId} again…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && <Details push={open} onClose={() => setOpen(undefined)} />}
    </Card>
  );
}
