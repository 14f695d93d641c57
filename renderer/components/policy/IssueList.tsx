// The draft's problems, each a button that jumps to its field or table row.

import type { PolicyIssue } from './policy-issues';

const SHOWN = 50;

export function IssueList({
  issues,
  onJump,
}: {
  issues: PolicyIssue[];
  onJump: (issue: PolicyIssue) => void;
}) {
  return (
    <ul className="issue-list" data-testid="issue-list">
      {issues.slice(0, SHOWN).map((issue, i) => (
        <li key={i}>
          <button
            type="button"
            className="link-button issue-list__where"
            onClick={() => onJump(issue)}
          >
            {issue.where}
          </button>
          : <span className="verbatim">{issue.message}</span>
        </li>
      ))}
      {issues.length > SHOWN && <li className="muted">…and {issues.length - SHOWN} more.</li>}
    </ul>
  );
}
