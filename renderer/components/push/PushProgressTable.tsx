// A running push, server by server and step by step: what is under way, what passed, where it
// failed; a roll-back shows as its own column when it happens.

import type { PushStep } from '../../../core/app/types/push';
import { Spinner } from '../servers/Spinner';
import { OutcomeBadge } from './OutcomeBadge';
import { SHOWN_STEPS, STEP_LABEL } from './push-words';
import type { ServerRun, StepState } from './use-push-run';

function Cell({ step }: { step?: StepState }) {
  if (!step)
    return (
      <span className="push-step push-step--todo" aria-label="not yet">
        ·
      </span>
    );
  const secs = step.ms !== undefined ? `${(step.ms / 1000).toFixed(1)} s` : '';
  if (step.status === 'running')
    return (
      <span className="push-step push-step--running" title={step.message}>
        <Spinner /> <span className="visually-hidden">running</span>
      </span>
    );
  const mark = step.status === 'ok' ? '✓' : step.status === 'failed' ? '✗' : '–';
  return (
    <span
      className={`push-step push-step--${step.status}`}
      title={[step.message, secs].filter(Boolean).join(' — ')}
    >
      {mark} <span className="push-step__ms">{secs}</span>
      <span className="visually-hidden">{step.status}</span>
    </span>
  );
}

export function PushProgressTable({ servers }: { servers: ServerRun[] }) {
  const rollback = servers.some((s) => s.steps.rollback);
  const steps: PushStep[] = rollback ? [...SHOWN_STEPS, 'rollback'] : [...SHOWN_STEPS];
  return (
    <div className="table-wrap">
      <table className="data-table push-progress" data-testid="push-progress">
        <thead>
          <tr>
            <th scope="col">Server</th>
            {steps.map((s) => (
              <th key={s} scope="col">
                {STEP_LABEL[s]}
              </th>
            ))}
            <th scope="col">Now</th>
          </tr>
        </thead>
        <tbody>
          {servers.map((s) => {
            const now = s.current ? s.steps[s.current] : undefined;
            return (
              <tr key={s.serverId} data-server={s.serverName}>
                <th scope="row">{s.serverName}</th>
                {steps.map((st) => (
                  <td key={st} data-step={st}>
                    <Cell step={s.steps[st]} />
                  </td>
                ))}
                <td className="push-progress__now">
                  {s.outcome ? (
                    <OutcomeBadge outcome={s.outcome} />
                  ) : (
                    <span className="muted">
                      {now?.message ?? (s.current ? STEP_LABEL[s.current] : 'waiting')}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
