// One server in the push plan: what changes there (files as line diffs, main.cf settings,
// postgrey's options), what the policy cannot express there, and drift — someone changed what
// mxwarden manages — with the admin's two ways out: overwrite it with this push, or adopt it
// into the policy through import.

import { Link } from 'react-router';
import type { PushServerPlan } from '../../../core/app/types/push';
import { FileDiff } from '../policy/FileDiff';
import { MainCfChanges } from '../policy/MainCfChanges';
import { ServerErrorNote } from '../policy/ServerErrorNote';
import { DriftList } from './DriftList';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function planWords(p: PushServerPlan): string {
  if (p.problem) return 'Cannot be pushed';
  if (p.unchanged) return 'Already up to date';
  const files = p.files.filter((f) => f.current !== f.compiled).length;
  const settings = p.mainCf.filter((m) => m.current !== m.compiled).length;
  const parts = [
    files ? plural(files, 'file') : '',
    settings ? plural(settings, 'setting') : '',
    p.postgrey && p.postgrey.current !== p.postgrey.compiled ? 'postgrey options' : '',
    p.stale.length ? `${p.stale.length} removed` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join(', ')} change` : 'Rewrites damaged files';
}

export function PlanCard({
  plan,
  overwrite,
  onOverwrite,
}: {
  plan: PushServerPlan;
  overwrite: boolean;
  onOverwrite: (yes: boolean) => void;
}) {
  const changed = plan.files.filter((f) => f.current !== f.compiled);
  return (
    <details
      className="push-plan"
      open={!!plan.problem || plan.drift.length > 0}
      data-testid="push-plan"
      data-server={plan.serverName}
    >
      <summary>
        <span className="push-plan__name">{plan.serverName}</span>
        <span
          className={`badge push-badge push-badge--${plan.problem ? 'bad' : plan.unchanged ? 'muted' : 'ok'}`}
        >
          {planWords(plan)}
        </span>
        {plan.drift.length > 0 && (
          <span className="badge push-badge push-badge--warn" data-testid="drift-badge">
            Changed on the server
          </span>
        )}
      </summary>
      <div className="push-plan__body">
        {plan.problem && (
          <ServerErrorNote
            error={plan.problem}
            serverId={plan.serverId}
            serverName={plan.serverName}
          />
        )}
        {plan.drift.length > 0 && (
          <div className="callout callout--warning push-drift" data-testid="push-drift">
            <p>
              Someone changed what mxwarden manages on {plan.serverName} since its last push. This
              push will not overwrite it unless you agree.
            </p>
            <DriftList items={plan.drift} />
            <label className="push-drift__consent">
              <input
                type="checkbox"
                checked={overwrite}
                onChange={(e) => onOverwrite(e.target.checked)}
              />{' '}
              Overwrite these changes with the policy
            </label>{' '}
            or{' '}
            <Link to={`/policy?tab=start&import=${plan.serverId}`}>
              adopt them into the policy (import {plan.serverName})
            </Link>
          </div>
        )}
        {!plan.problem && (
          <>
            {changed.map((f) => (
              <FileDiff key={f.path} path={f.path} current={f.current} compiled={f.compiled} />
            ))}
            {plan.mainCf.length > 0 && <MainCfChanges settings={plan.mainCf} />}
            {plan.postgrey && plan.postgrey.current !== plan.postgrey.compiled && (
              <div className="push-postgrey">
                <h4>postgrey options (/etc/default/postgrey)</h4>
                <p>
                  <del className="verbatim">{plan.postgrey.current || '(none)'}</del>
                </p>
                <p>
                  <ins className="verbatim">{plan.postgrey.compiled}</ins>
                </p>
              </div>
            )}
            {plan.stale.length > 0 && (
              <p className="muted">
                No longer written, removed by the push:{' '}
                {plan.stale.map((s) => (
                  <code key={s} className="verbatim">
                    {s}{' '}
                  </code>
                ))}
              </p>
            )}
            {plan.unsupported.length > 0 && (
              <div className="callout callout--warning">
                <p>What this server’s Postfix and postgrey cannot express:</p>
                <ul>
                  {plan.unsupported.map((u, i) => (
                    <li key={i}>
                      <strong>{u.rule}</strong>: {u.message}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        )}
      </div>
    </details>
  );
}
