// What importing a server found: each finding with where it came from, what it was and, for
// what stays on the server, why. Filterable by status; the counts first.

import { useState } from 'react';
import type { ImportFinding } from '../../../core/app/api';

const STATUS: Record<ImportFinding['status'], { word: string; explain: string }> = {
  imported: { word: 'Imported', explain: 'now in the draft' },
  kept: { word: 'Kept', explain: 'the site’s own settings, left around mxwarden’s checks' },
  'not-represented': {
    word: 'Not represented',
    explain: 'the policy cannot say it: it stays on the server, untouched',
  },
};

const ORDER: ImportFinding['status'][] = ['not-represented', 'imported', 'kept'];

export function ImportReport({ findings }: { findings: ImportFinding[] }) {
  const [only, setOnly] = useState<ImportFinding['status'] | 'all'>('all');
  const count = (s: ImportFinding['status']) => findings.filter((f) => f.status === s).length;
  const shown = findings
    .filter((f) => only === 'all' || f.status === only)
    .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
  return (
    <div className="import-report" data-testid="import-report">
      <div className="import-report__counts" role="group" aria-label="Show findings">
        <button
          type="button"
          className="tag-chip tag-chip--button"
          aria-pressed={only === 'all'}
          onClick={() => setOnly('all')}
        >
          All {findings.length}
        </button>
        {ORDER.map((s) => (
          <button
            key={s}
            type="button"
            className={`tag-chip tag-chip--button finding-chip--${s} ${only === s ? 'is-on' : ''}`}
            aria-pressed={only === s}
            onClick={() => setOnly(only === s ? 'all' : s)}
            title={STATUS[s].explain}
          >
            {STATUS[s].word} {count(s)}
          </button>
        ))}
      </div>
      <div className="table-wrap">
        <table className="data-table" aria-label="Import findings">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Where</th>
              <th scope="col">What</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((f, i) => (
              <tr key={i} data-testid="finding" data-status={f.status}>
                <td>
                  <span className={`badge finding--${f.status}`}>{STATUS[f.status].word}</span>
                </td>
                <td>
                  <code className="verbatim">{f.where}</code>
                </td>
                <td>
                  <code className="verbatim">{f.what}</code>
                </td>
                <td className="verbatim">
                  {f.why ?? <span className="muted">{STATUS[f.status].explain}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
