// A native modal <dialog>: focus is trapped by the browser, Escape cancels, the page behind is
// inert. Mount it to open it and unmount it to close it, so every opening starts fresh.

import { useEffect, useRef, type ReactNode } from 'react';

export interface ModalProps {
  /** id of the element that names the dialog (its heading). */
  labelledBy: string;
  /** Escape, or the form's cancel button. Not called while `busy`. */
  onCancel: () => void;
  /** While true, Escape does nothing: the operation under way decides when the dialog ends. */
  busy?: boolean;
  className?: string;
  testId?: string;
  /** When it changes (a dialog moving to its next step), the step's [data-autofocus] gets the focus. */
  focusKey?: string;
  children: ReactNode;
}

export function Modal({
  labelledBy,
  onCancel,
  busy = false,
  className,
  testId,
  focusKey,
  children,
}: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    // React's autoFocus runs before showModal and is lost; the dialog names its first field.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    // The button that had the focus may be gone with the step it belonged to.
    if (dialog?.open && focusKey !== undefined)
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [focusKey]);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={labelledBy}
      data-testid={testId}
      onCancel={(e) => {
        // The dialog closes only through React (unmounting), so its state and the DOM agree.
        e.preventDefault();
        if (!busy) onCancel();
      }}
      onClose={(e) => {
        // Chromium closes without a cancelable event on a repeated Escape; honour it unless busy.
        if (busy) e.currentTarget.showModal();
        else onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
