// One run's results: while streaming, what is pending and each answer as it arrives; then the
// report — verdict, notes, DNS lists with the score, the client, and the trace.

import type { CheckRun } from './check-run';
import { ClientCard } from './ClientCard';
import { ListsCard } from './ListsCard';
import { ReportNotes } from './ReportNotes';
import { RunningBanner } from './RunningBanner';
import { TraceCard } from './TraceCard';
import { VerdictPanel } from './VerdictPanel';

export function CheckResults({ run }: { run: CheckRun }) {
  const report = run.report;
  return (
    <div
      className="check-results"
      data-testid="check-results"
      data-state={report ? 'done' : 'running'}
      data-run-id={run.runId}
    >
      {report ? <VerdictPanel report={report} /> : <RunningBanner run={run} />}
      {report && <ReportNotes report={report} />}
      <ListsCard run={run} />
      <ClientCard run={run} />
      {report && <TraceCard verdict={report.verdict} />}
    </div>
  );
}
