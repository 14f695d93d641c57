// "3 problems": a button that opens the list of the draft's problems; each jumps to its place.

import { useId, useState } from 'react';
import { Icon } from '../Icon';
import { IssueList } from './IssueList';
import type { PolicyIssue } from './policy-issues';
import { plural } from './policy-words';

export function IssuesSummary({
  issues,
  onJump,
}: {
  issues: PolicyIssue[];
  onJump: (issue: PolicyIssue) => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  if (issues.length === 0) return null;
  return (
    <div className="issues-summary" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button
        type="button"
        className="button button--warning"
        aria-expanded={open}
        aria-controls={id}
        data-testid="issues-button"
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="alert" size={14} /> {plural(issues.length, 'problem')}
      </button>
      {open && (
        <div
          id={id}
          className="issues-summary__panel"
          role="region"
          aria-label="Problems in the draft"
        >
          <IssueList
            issues={issues}
            onJump={(issue) => {
              setOpen(false);
              onJump(issue);
            }}
          />
        </div>
      )}
    </div>
  );
}
