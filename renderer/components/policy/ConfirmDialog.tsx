// A question before something that cannot be taken back (discard, revert, replace the draft).
// The safe answer has the focus: Enter alone never destroys anything.

import { useId, type ReactNode } from 'react';
import { Modal } from '../servers/Modal';

export function ConfirmDialog({
  title,
  children,
  confirm,
  cancel = 'Cancel',
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
  extra,
  testId,
}: {
  title: ReactNode;
  children: ReactNode;
  confirm: string;
  cancel?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** A third choice, between cancel and confirm. */
  extra?: ReactNode;
  testId?: string;
}) {
  const id = useId();
  return (
    <Modal
      labelledBy={`${id}-title`}
      onCancel={onCancel}
      busy={busy}
      className="dialog--form"
      testId={testId}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="confirm-body">{children}</div>
      <div className="button-row button-row--end">
        <button type="button" className="button" onClick={onCancel} disabled={busy} data-autofocus>
          {cancel}
        </button>
        {extra}
        <button
          type="button"
          className={`button ${danger ? 'button--danger' : 'button--primary'}`}
          onClick={onConfirm}
          disabled={busy}
        >
          {confirm}
        </button>
      </div>
    </Modal>
  );
}
