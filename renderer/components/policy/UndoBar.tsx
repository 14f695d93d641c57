// After a delete: what went, and a way back (also Ctrl+Z while the table has the focus).

export function UndoBar({
  text,
  onUndo,
  onDismiss,
}: {
  text: string;
  onUndo: () => void;
  onDismiss: () => void;
}) {
  return (
    <div className="undo-bar" role="status">
      <span className="verbatim">{text}</span>
      <button type="button" className="button button--small" onClick={onUndo}>
        Undo
      </button>
      <button type="button" className="link-button undo-bar__dismiss" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
