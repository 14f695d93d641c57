// What changed between two policies, in words, grouped by section: "added client 192.0.2.7",
// "zen.spamhaus.org: weight 3 → weight 4". The texts come from core/policy/diff.ts.

import type { PolicyChange } from '../../../core/app/api';

const MARK: Record<PolicyChange['kind'], string> = { added: '+', removed: '−', changed: '~' };

export function ChangeList({ changes, limit }: { changes: PolicyChange[]; limit?: number }) {
  if (changes.length === 0) return <p className="muted">No changes.</p>;
  const shown = limit ? changes.slice(0, limit) : changes;
  const sections = [...new Set(shown.map((c) => c.section))];
  return (
    <div className="change-list" data-testid="change-list">
      {sections.map((section) => (
        <section key={section} className="change-list__section">
          <h3>{section}</h3>
          <ul>
            {shown
              .filter((c) => c.section === section)
              .map((c, i) => (
                <li key={i} className={`change-item change-item--${c.kind}`}>
                  <span className="change__mark" aria-hidden="true">
                    {MARK[c.kind]}
                  </span>
                  <span className="visually-hidden">{c.kind}: </span>
                  <span className="verbatim">{c.text}</span>
                </li>
              ))}
          </ul>
        </section>
      ))}
      {limit && changes.length > limit && (
        <p className="muted">…and {changes.length - limit} more changes.</p>
      )}
    </div>
  );
}
