// Leaving the Policy page with unsaved changes: stay (the default), leave and keep the draft for
// later in this session, or discard it and leave.

import { ConfirmDialog } from './ConfirmDialog';
import { plural } from './policy-words';

export function LeaveDialog({
  changes,
  onStay,
  onKeep,
  onDiscard,
}: {
  changes: number;
  onStay: () => void;
  onKeep: () => void;
  onDiscard: () => void;
}) {
  return (
    <ConfirmDialog
      title="Leave with unsaved changes?"
      cancel="Stay"
      confirm="Discard and leave"
      danger
      onCancel={onStay}
      onConfirm={onDiscard}
      testId="leave-dialog"
      extra={
        <button type="button" className="button" onClick={onKeep}>
          Keep the draft and leave
        </button>
      }
    >
      <p>
        The policy draft has {changes > 0 ? plural(changes, 'unsaved change') : 'unsaved changes'}.
        Kept, it waits here until you save or discard it — but only until the app is closed or
        reloaded.
      </p>
    </ConfirmDialog>
  );
}
