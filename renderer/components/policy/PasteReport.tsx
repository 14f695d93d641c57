// What a paste or a file would add: the good lines counted, every bad line by its number with
// the reason, duplicates named (they are skipped, not errors).

import type { ParseReport } from './parse-lines';
import { plural } from './policy-words';

const SHOWN = 200;

export function PasteReport({ report }: { report: ParseReport }) {
  const { good, bad, duplicates, ignored } = report;
  return (
    <div className="paste-report" data-testid="paste-report">
      <p className="paste-report__counts" aria-live="polite">
        <strong>{plural(good.length, 'entry', 'entries')} to add</strong>
        {bad.length > 0 && (
          <span className="text-danger"> · {plural(bad.length, 'line')} with a problem</span>
        )}
        {duplicates.length > 0 && <span> · {plural(duplicates.length, 'duplicate')} skipped</span>}
        {ignored > 0 && (
          <span className="muted"> · {plural(ignored, 'blank or comment line')}</span>
        )}
        {report.csv && <span className="muted"> · read as CSV (header row)</span>}
      </p>
      {bad.length > 0 && (
        <ul className="paste-report__bad" aria-label="Lines with a problem">
          {bad.slice(0, SHOWN).map((b) => (
            <li key={b.line} data-testid="paste-bad-line">
              <span className="paste-report__line">Line {b.line}:</span>{' '}
              <code className="verbatim">{b.text.trim()}</code> — {b.message}
            </li>
          ))}
          {bad.length > SHOWN && <li className="muted">…and {bad.length - SHOWN} more.</li>}
        </ul>
      )}
      {duplicates.length > 0 && (
        <details>
          <summary>Duplicates skipped ({duplicates.length})</summary>
          <ul className="paste-report__dups">
            {duplicates.slice(0, SHOWN).map((d) => (
              <li key={d.line}>
                Line {d.line}: <code className="verbatim">{d.value}</code>{' '}
                {d.existingLine !== undefined
                  ? `is already on line ${d.existingLine} of the list`
                  : `repeats line ${d.pastedLine ?? '?'}`}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
