// What the admin should know beyond the verdict: the service's notes (no policy saved yet, a
// server not inspected), checks the policy asks for that this server cannot enforce, and what
// the dry-run rules would have done.

import type { CheckReport } from '../../../core/app/api';
import { Icon } from '../Icon';
import { notEnforced } from './trace-groups';

export function ReportNotes({ report }: { report: CheckReport }) {
  const v = report.verdict;
  const unenforced = notEnforced(v);
  // One line per zone: a zone with several return-code entries was asked once.
  const unknown = [
    ...new Map(
      report.lists
        .filter((l) => l.status === 'timeout' || l.status === 'error')
        .map((l) => [l.zone, l]),
    ).values(),
  ];
  const unknownWords = unknown
    .map((l) => `${l.zone} ${l.status === 'timeout' ? 'timed out' : 'failed'}`)
    .join(', ');
  if (!report.notes.length && !unenforced.length && !v.dryRunHits.length && !unknown.length)
    return null;
  return (
    <div className="check-notes">
      {report.notes.map((note) => (
        <p key={note} className="callout callout--warning warning-callout" data-testid="check-note">
          <Icon name="alert" size={16} />
          <span>{note}</span>
        </p>
      ))}
      {unenforced.length > 0 && (
        <div className="callout callout--warning warning-callout" data-testid="not-enforced">
          <Icon name="alert" size={16} />
          <div>
            <strong>
              The policy asks for {unenforced.length === 1 ? 'a check' : 'checks'} that {v.profile}{' '}
              cannot enforce:
            </strong>
            <ul className="check-notes__list">
              {unenforced.map((t, i) => (
                <li key={i}>
                  <strong>{t.check}</strong> — {t.detail}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {unknown.length > 0 && (
        <p className="callout callout--warning warning-callout" data-testid="lists-unknown">
          <Icon name="alert" size={16} />
          <span>
            {unknown.length === 1 ? 'A DNS list' : `${unknown.length} DNS lists`} gave no answer (
            {unknownWords}). The servers treat such a list as not listed, and so does this verdict:
            it may change once the list answers.
          </span>
        </p>
      )}
      {v.dryRunHits.length > 0 && (
        <div className="callout check-notes__dry-run" data-testid="dry-run-hits">
          <strong>Dry-run rules that fired</strong> (logged only; they did not decide):
          <ul className="check-notes__list">
            {v.dryRunHits.map((t, i) => (
              <li key={i}>
                <strong>{t.check}</strong> — {t.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
