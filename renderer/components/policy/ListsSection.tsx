// The policy's eight lists: a picker with their sizes and problems, and the chosen list's table.
// One table at a time, so "/" always means this list's filter. Whitelisted cloud senders are shown
// under the picker, read-only (the Senders page manages them).

import { useMemo } from 'react';
import { Link } from 'react-router';
import type { Policy } from '../../../core/app/api';
import { cloudSenderWords } from '../../../core/policy/cloud-senders';
import { LISTS, type ListDef, type ListEntry } from './list-kinds';
import { ListEditor, type RowFocus } from './ListEditor';
import { getAt } from './policy-path';
import { issuesByRow, listPlace, type PolicyIssue } from './policy-issues';
import { plural } from './policy-words';

export function ListsSection({
  draft,
  issues,
  current,
  onPick,
  onChange,
  focus,
}: {
  draft: Policy;
  issues: PolicyIssue[];
  current: ListDef;
  onPick: (def: ListDef) => void;
  onChange: (def: ListDef, entries: ListEntry[]) => void;
  focus?: RowFocus & { list: string };
}) {
  const counts = useMemo(() => {
    const problems = new Map<string, number>();
    for (const issue of issues) {
      const place = listPlace(issue);
      if (place) problems.set(place.def.id, (problems.get(place.def.id) ?? 0) + 1);
    }
    return problems;
  }, [issues]);
  const entries = (getAt(draft, current.path) as ListEntry[] | undefined) ?? [];
  const rowIssues = useMemo(() => issuesByRow(issues, current), [issues, current]);
  const groups = [...new Set(LISTS.map((l) => l.group))];

  return (
    <div className="lists-section">
      <nav className="list-picker" aria-label="Lists">
        {groups.map((group) => (
          <div key={group} className="list-picker__group">
            <h3>{group}</h3>
            <ul>
              {LISTS.filter((l) => l.group === group).map((l) => {
                const n = ((getAt(draft, l.path) as unknown[] | undefined) ?? []).length;
                const bad = counts.get(l.id) ?? 0;
                return (
                  <li key={l.id}>
                    <button
                      type="button"
                      className="list-picker__item"
                      aria-current={l.id === current.id ? 'true' : undefined}
                      onClick={() => onPick(l)}
                    >
                      <span className="list-picker__title">{l.title}</span>
                      <span className="list-picker__count num">{n.toLocaleString('en-US')}</span>
                      {bad > 0 && (
                        <span className="issue-badge" title={plural(bad, 'problem')}>
                          {bad}
                          <span className="visually-hidden">
                            {' '}
                            {bad === 1 ? 'problem' : 'problems'}
                          </span>
                        </span>
                      )}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
        {draft.cloudSenders && draft.cloudSenders.length > 0 && (
          // Pinned ranges are not edited by hand: the Senders page re-pins, re-scopes and removes them.
          <div className="list-picker__group" data-testid="policy-cloud-senders">
            <h3>Cloud senders</h3>
            <ul>
              {draft.cloudSenders.map((g) => (
                <li key={g.provider}>
                  <Link to={`/senders?p=${encodeURIComponent(g.provider)}`}>
                    {cloudSenderWords(g)}
                  </Link>
                </li>
              ))}
            </ul>
            <p className="muted">Whitelisted and updated on the Senders page.</p>
          </div>
        )}
      </nav>
      <section className="list-main" aria-labelledby="list-title">
        <h2 id="list-title">
          {current.group === 'Greylisting exceptions' ? 'Greylisting exceptions: ' : ''}
          {current.title}
        </h2>
        <p className="muted list-main__effect">{current.effect}</p>
        <ListEditor
          key={current.id}
          def={current}
          entries={entries}
          issues={rowIssues}
          onChange={(next) => onChange(current, next)}
          {...(focus && focus.list === current.id ? { focus } : {})}
        />
      </section>
    </div>
  );
}
