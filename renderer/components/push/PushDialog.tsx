// Push: choose the servers and the version, read the diff per server (and decide about drift),
// then dry-run or push, watch each server step by step, cancel if needed, and read the summary.
// Nothing reaches a server before the admin has seen what will change there.

import { useId, useMemo, useState } from 'react';
import type { ApiError, PushPlan, PushRequest } from '../../../core/app/api';
import { useApi, useQuery } from '../../state/api-context';
import { Icon } from '../Icon';
import { Modal } from '../servers/Modal';
import { Spinner } from '../servers/Spinner';
import { PlanCard } from './PlanCard';
import { PushProgressTable } from './PushProgressTable';
import { PushResults } from './PushResults';
import { ServerChoice, type Selection } from './ServerChoice';
import { usePushRun } from './use-push-run';

export interface PushInitial {
  serverIds?: number[];
  tag?: string;
  all?: boolean;
  /** An earlier version: a rollback. Default: the current policy. */
  policyVersionId?: number;
  /** Servers whose drift the admin already chose to overwrite. */
  overwriteDrift?: number[];
}

const selectionOf = (i: PushInitial): Selection =>
  i.tag !== undefined
    ? { kind: 'tag', tag: i.tag }
    : i.serverIds?.length
      ? { kind: 'servers', ids: i.serverIds }
      : { kind: 'all' };

const requestOf = (s: Selection): Pick<PushRequest, 'serverIds' | 'tag' | 'all'> =>
  s.kind === 'tag' ? { tag: s.tag } : s.kind === 'servers' ? { serverIds: s.ids } : { all: true };

export function PushDialog({ initial, onClose }: { initial: PushInitial; onClose: () => void }) {
  const api = useApi();
  const id = useId();
  const { data: versions } = useQuery('policy.versions', []);
  const [selection, setSelection] = useState<Selection>(() => selectionOf(initial));
  const [versionId, setVersionId] = useState<number | undefined>(initial.policyVersionId);
  const [plan, setPlan] = useState<PushPlan>();
  const [planning, setPlanning] = useState(false);
  const [planError, setPlanError] = useState<ApiError>();
  const [overwrite, setOverwrite] = useState<Set<number>>(new Set(initial.overwriteDrift));
  const [canaryId, setCanaryId] = useState<number>();
  const run = usePushRun();
  const latest = versions?.[0]?.id;
  const version = versionId ?? latest;

  const review = async () => {
    setPlanning(true);
    setPlanError(undefined);
    const r = await api.call('push.plan', {
      ...requestOf(selection),
      ...(version !== undefined ? { policyVersionId: version } : {}),
    });
    setPlanning(false);
    if (r.ok) {
      setPlan(r.value);
      setCanaryId(undefined);
    } else setPlanError(r.error);
  };

  const pushable = useMemo(() => plan?.servers.filter((s) => !s.problem) ?? [], [plan]);
  const toChange = pushable.filter((s) => !s.unchanged);
  const undecided = pushable.filter((s) => s.drift.length && !overwrite.has(s.serverId));
  const canary = canaryId ?? toChange[0]?.serverId ?? pushable[0]?.serverId;

  const go = (dryRun: boolean) => {
    if (!plan) return;
    const ids = pushable.map((s) => s.serverId);
    void run.start(
      {
        serverIds: ids,
        policyVersionId: plan.policyVersionId,
        dryRun,
        ...(overwrite.size
          ? { overwriteDrift: [...overwrite].filter((i) => ids.includes(i)) }
          : {}),
        ...(canary !== undefined ? { canaryId: canary } : {}),
      },
      pushable.map((s) => ({ serverId: s.serverId, serverName: s.serverName })),
    );
  };

  const phase = run.state.phase !== 'idle' ? run.state.phase : plan ? 'review' : 'choose';
  const isRollback = version !== undefined && latest !== undefined && version < latest;
  const runs = [...run.state.servers.values()];
  const done = runs.filter((r) => r.outcome).length;

  return (
    <Modal
      labelledBy={`${id}-title`}
      onCancel={onClose}
      busy={phase === 'running'}
      className="dialog--push"
      testId="push-dialog"
      // Again once the versions are read: the button is disabled until then, and cannot take it.
      focusKey={`${phase}:${version !== undefined}`}
    >
      <h2 id={`${id}-title`}>
        {isRollback ? `Roll back to version ${version}` : 'Push the policy'}
        {plan && phase !== 'choose' ? ` — version ${plan.policyVersionId}` : ''}
      </h2>

      {phase === 'choose' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void review();
          }}
        >
          <div className="form-field">
            <label htmlFor={`${id}-version`}>Policy version</label>
            <select
              id={`${id}-version`}
              value={version ?? ''}
              onChange={(e) => setVersionId(Number(e.target.value))}
              data-testid="push-version"
            >
              {(versions ?? []).map((v, i) => (
                <option key={v.id} value={v.id}>
                  v{v.id} — {v.message || '(no message)'}
                  {i === 0 ? ' (current)' : ''}
                </option>
              ))}
            </select>
            {versions && !versions.length && (
              <p className="callout callout--error">
                No policy has been saved yet: save one on the Policy page first.
              </p>
            )}
          </div>
          <ServerChoice value={selection} onChange={setSelection} />
          {planError && (
            <p className="callout callout--error" role="alert">
              {planError.message}
            </p>
          )}
          <div className="button-row button-row--end">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button--primary"
              disabled={planning || version === undefined}
              data-autofocus
            >
              {planning ? <Spinner /> : null}
              {planning ? 'Reading the servers…' : 'Review changes'}
            </button>
          </div>
        </form>
      )}

      {phase === 'review' && plan && (
        <>
          <p className="muted">
            What each server would get, against what it has now (read over SSH just now). Nothing
            has been changed yet.
          </p>
          <div className="push-plans">
            {plan.servers.map((s) => (
              <PlanCard
                key={s.serverId}
                plan={s}
                overwrite={overwrite.has(s.serverId)}
                onOverwrite={(yes) =>
                  setOverwrite((cur) => {
                    const next = new Set(cur);
                    if (yes) next.add(s.serverId);
                    else next.delete(s.serverId);
                    return next;
                  })
                }
              />
            ))}
          </div>
          {pushable.length > 1 && (
            <div className="form-field push-canary">
              <label htmlFor={`${id}-canary`}>
                Canary (pushed first; the rest stop if it fails)
              </label>
              <select
                id={`${id}-canary`}
                value={canary}
                onChange={(e) => setCanaryId(Number(e.target.value))}
              >
                {pushable.map((s) => (
                  <option key={s.serverId} value={s.serverId}>
                    {s.serverName}
                  </option>
                ))}
              </select>
            </div>
          )}
          {undecided.length > 0 && (
            <p className="callout callout--warning" role="status">
              {undecided.map((s) => s.serverName).join(', ')}{' '}
              {undecided.length === 1 ? 'was' : 'were'} changed by someone else: without your
              consent above, the push leaves {undecided.length === 1 ? 'it' : 'them'} untouched and
              reports it.
            </p>
          )}
          <div className="button-row button-row--end">
            <button type="button" className="button" onClick={() => setPlan(undefined)}>
              Back
            </button>
            <button
              type="button"
              className="button"
              disabled={!pushable.length}
              onClick={() => go(true)}
              title="Stage and validate on the servers (postfix check, postmap); swap nothing"
            >
              Dry run
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={!toChange.length}
              onClick={() => go(false)}
              data-autofocus
            >
              <Icon name="servers" size={14} />
              {toChange.length
                ? `Push to ${toChange.length} ${toChange.length === 1 ? 'server' : 'servers'}`
                : 'Nothing to push'}
            </button>
          </div>
        </>
      )}

      {(phase === 'running' || phase === 'done') && (
        <>
          {phase === 'running' && (
            <p role="status" className="push-status">
              <Spinner /> {done} of {runs.length} {runs.length === 1 ? 'server' : 'servers'} done
              <progress max={runs.length} value={done} />
            </p>
          )}
          <PushProgressTable servers={runs} />
          {run.state.error && (
            <p className="callout callout--error" role="alert">
              {run.state.error.message}
            </p>
          )}
          {run.state.summary && <PushResults summary={run.state.summary} />}
          <div className="button-row button-row--end">
            {phase === 'running' ? (
              <button
                type="button"
                className="button button--danger-outline"
                disabled={run.state.cancelling || !run.state.pushId}
                onClick={() => void run.cancel()}
              >
                {run.state.cancelling ? 'Cancelling…' : 'Cancel'}
              </button>
            ) : (
              <button
                type="button"
                className="button button--primary"
                onClick={onClose}
                data-autofocus
              >
                Close
              </button>
            )}
          </div>
        </>
      )}
    </Modal>
  );
}
