// The DNS lists card: the score against the threshold once known, the table of answers
// (streaming, then final), and its CSV export.

import { downloadCsv, fileStamp } from '../../lib/download';
import { Icon } from '../Icon';
import { Card } from '../servers/Card';
import { pendingZones, type CheckRun } from './check-run';
import { listRows } from './list-rows';
import { LISTS_CSV_HEADER, listsCsvRows } from './lists-csv';
import { ListsTable } from './ListsTable';
import { ScoreBar } from './ScoreBar';
import { listStage } from './trace-groups';

export function ListsCard({ run }: { run: CheckRun }) {
  const rows = listRows(run);
  const report = run.report;
  const pending = pendingZones(run);
  const scored = !report || listStage(report.verdict) !== 'smtpd';
  return (
    <Card
      title={`DNS lists (${rows.length})`}
      testId="lists-card"
      actions={
        report && (
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              downloadCsv(
                `check-${report.address.replace(/[^0-9a-f.]/gi, '_')}-${fileStamp()}.csv`,
                LISTS_CSV_HEADER,
                listsCsvRows(report),
              )
            }
          >
            <Icon name="download" size={14} /> CSV
          </button>
        )
      }
    >
      {report && scored ? (
        <ScoreBar score={report.score} threshold={report.threshold} lists={report.lists} />
      ) : report ? (
        <p className="score__words" data-testid="score-unused">
          <strong>No score:</strong>{' '}
          <span className="muted">
            {report.verdict.profile} has no postscreen, so each listed entry acts on its own in
            smtpd; weights and the threshold ({report.threshold}) do not apply.
          </span>
        </p>
      ) : (
        <p className="score__words muted">
          Score: known when every list has answered
          {pending.length > 0 && ` (waiting for ${pending.length})`}.
        </p>
      )}
      <ListsTable rows={rows} version={report?.version} scored={scored} />
    </Card>
  );
}
