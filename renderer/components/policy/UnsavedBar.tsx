// Sticky at the top of the page while the draft differs from the saved policy: how many changes,
// where the draft came from, its problems, and Save / Discard. Also warns when a version was
// saved elsewhere meanwhile (saving this draft would replace it).

import type { PolicyChange } from '../../../core/app/api';
import { IssuesSummary } from './IssuesSummary';
import type { PolicyIssue } from './policy-issues';
import { plural } from './policy-words';

export function UnsavedBar({
  dirty,
  changes,
  issues,
  origin,
  overtakenBy,
  onSave,
  onDiscard,
  onShowChanges,
  onJump,
}: {
  dirty: boolean;
  changes: PolicyChange[];
  issues: PolicyIssue[];
  origin?: string;
  overtakenBy?: number;
  onSave: () => void;
  onDiscard: () => void;
  onShowChanges: () => void;
  onJump: (issue: PolicyIssue) => void;
}) {
  if (!dirty && issues.length === 0) return null;
  return (
    <div
      className={`unsaved-bar ${dirty ? '' : 'unsaved-bar--clean'}`}
      role="region"
      aria-label="Unsaved changes"
      data-testid="unsaved-bar"
    >
      <div className="unsaved-bar__text">
        {dirty ? (
          <>
            <strong>Unsaved changes</strong>
            {changes.length > 0 && (
              <>
                {' — '}
                <button type="button" className="link-button" onClick={onShowChanges}>
                  {plural(changes.length, 'change')}
                </button>
              </>
            )}
            {origin && <span className="muted"> · draft from {origin}</span>}
          </>
        ) : (
          <strong>The saved policy has problems</strong>
        )}
        {overtakenBy !== undefined && (
          <span className="unsaved-bar__warn">
            {' '}
            · Version {overtakenBy} was saved elsewhere since: saving replaces it.
          </span>
        )}
      </div>
      <IssuesSummary issues={issues} onJump={onJump} />
      {dirty && (
        <div className="button-row">
          <button type="button" className="button" onClick={onDiscard}>
            Discard
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={onSave}
            aria-keyshortcuts="Control+S"
          >
            Save… <kbd className="kbd--on-primary">Ctrl S</kbd>
          </button>
        </div>
      )}
    </div>
  );
}
