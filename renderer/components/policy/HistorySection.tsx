// Every saved version with its message, what each save changed (in words), a comparison of any
// two, and "Revert to this version" — saved as a new version, so nothing is ever lost.

import { useState } from 'react';
import type { CurrentPolicy, Policy, PolicyVersionInfo } from '../../../core/app/api';
import { useApi, useQuery } from '../../state/api-context';
import { useNotifications } from '../../state/notifications';
import { EmptyState } from '../EmptyState';
import { Card } from '../servers/Card';
import { CompareVersions, type Side } from './CompareVersions';
import { ConfirmDialog } from './ConfirmDialog';
import { VersionsTable } from './VersionsTable';

export function HistorySection({
  currentId,
  draft,
  dirty,
  onReverted,
  onLoad,
}: {
  currentId?: number;
  draft: Policy | undefined;
  dirty: boolean;
  onReverted: (current: CurrentPolicy) => void;
  onLoad: (policy: Policy, origin: string) => void;
}) {
  const api = useApi();
  const { notify, notifyError } = useNotifications();
  const { data: versions, error } = useQuery('policy.versions', [], currentId ?? 0);
  const [pick, setPick] = useState<{ from: Side; to: Side }>();
  const [reverting, setReverting] = useState<PolicyVersionInfo>();
  const [busy, setBusy] = useState(false);

  if (error)
    return <p className="callout callout--error">Could not load the history: {error.message}</p>;
  if (!versions) return <p aria-busy="true">Loading the history…</p>;
  if (versions.length === 0)
    return (
      <EmptyState
        icon="audit"
        title="No version saved yet"
        steps={[
          'Every save is a version with a message.',
          'Each version’s changes are shown in words; any two can be compared, and any one brought back.',
        ]}
      >
        <p>The policy in use is the Balanced template until the first save.</p>
      </EmptyState>
    );

  // By default: what the newest save changed.
  const before = (id: number) => versions.find((v) => v.id < id);
  const newest = versions[0];
  const fallback = newest
    ? { to: `v:${newest.id}`, from: before(newest.id) ? `v:${before(newest.id)?.id}` : '' }
    : { to: '', from: '' };
  const { from, to } = pick ?? fallback;
  const shownId = to.startsWith('v:') ? Number(to.slice(2)) : undefined;
  const shown = versions.find((v) => v.id === shownId);

  const select = (v: PolicyVersionInfo) => {
    const prev = before(v.id);
    setPick({ to: `v:${v.id}`, from: prev ? `v:${prev.id}` : '' });
  };

  const revert = async (v: PolicyVersionInfo) => {
    setBusy(true);
    const r = await api.call('policy.revert', { versionId: v.id });
    setBusy(false);
    setReverting(undefined);
    if (!r.ok) return notifyError(`Could not revert to version ${v.id}`, r.error);
    onReverted(r.value);
    notify({
      kind: 'success',
      title: `Reverted to version ${v.id}`,
      message: `Saved as version ${r.value.versionId ?? '?'}.`,
    });
  };

  const load = async (v: PolicyVersionInfo) => {
    const r = await api.call('policy.version', { id: v.id });
    if (!r.ok) return notifyError(`Could not load version ${v.id}`, r.error);
    onLoad(r.value.policy, `version ${v.id}`);
  };

  return (
    <div className="policy-history">
      <VersionsTable versions={versions} current={currentId} selected={shownId} onSelect={select} />
      <Card
        title={shown ? `Version ${shown.id}` : 'Compare'}
        testId="version-card"
        actions={
          shown && (
            <>
              <button type="button" className="button" onClick={() => void load(shown)}>
                Edit from this version
              </button>
              <button
                type="button"
                className="button button--danger-outline"
                disabled={shown.id === currentId}
                title={shown.id === currentId ? 'This is the current version' : undefined}
                onClick={() => setReverting(shown)}
              >
                Revert to this version…
              </button>
            </>
          )
        }
      >
        {shown && <p className="verbatim version-message">“{shown.message}”</p>}
        <CompareVersions
          versions={versions}
          from={from}
          to={to}
          draft={draft}
          dirty={dirty}
          onChange={(f, t) => setPick({ from: f, to: t })}
        />
      </Card>
      {reverting && (
        <ConfirmDialog
          title={`Revert to version ${reverting.id}?`}
          confirm={busy ? 'Reverting…' : `Revert to version ${reverting.id}`}
          danger
          busy={busy}
          onConfirm={() => void revert(reverting)}
          onCancel={() => setReverting(undefined)}
          testId="revert-dialog"
        >
          <p>
            Version {reverting.id}’s policy is saved again as a new version and becomes current. The
            versions after it stay in the history.
          </p>
          {dirty && <p className="callout callout--warning">Your unsaved changes are discarded.</p>}
        </ConfirmDialog>
      )}
    </div>
  );
}
