// While a check runs: what is being checked and which DNS lists have yet to answer, so a slow
// or dead list is visible as the thing everyone is waiting for.

import { Spinner } from '../servers/Spinner';
import { pendingZones, type CheckRun } from './check-run';

export function RunningBanner({ run }: { run: CheckRun }) {
  const pending = pendingZones(run);
  const zones = new Set((run.expected ?? []).map((l) => l.zone.toLowerCase())).size;
  return (
    <section className="verdict verdict--running" aria-label="Check in progress" aria-busy="true">
      <div className="verdict__badge">
        <Spinner />
      </div>
      <div className="verdict__body">
        <p className="verdict__headline">Checking {run.input.target}…</p>
        <p className="verdict__summary" role="status" data-testid="check-pending">
          {run.expected === undefined
            ? 'Asking the DNS lists…'
            : pending.length === 0
              ? `All ${zones} DNS lists answered; deciding…`
              : `${zones - pending.length} of ${zones} DNS lists answered · waiting for ${pending.join(', ')}`}
        </p>
      </div>
    </section>
  );
}
