// The keyboard shortcuts, shown with "?" or F1 (and Help → Keyboard Shortcuts in the desktop app).

import { useEffect, useRef } from 'react';
import { NAV_ITEMS } from '../../core/app/navigation';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="shortcuts">
        <tbody>
          {NAV_ITEMS.map((item) => (
            <tr key={item.path}>
              <td>
                <kbd>Alt</kbd>+<kbd>{item.shortcut}</kbd>
              </td>
              <td>{item.label}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>Alt</kbd>+<kbd>T</kbd>
            </td>
            <td>Switch theme (system → light → dark)</td>
          </tr>
          <tr>
            <td>
              <kbd>/</kbd>
            </td>
            <td>Focus the page's search box</td>
          </tr>
          <tr>
            <td>
              <kbd>Ctrl</kbd>+<kbd>S</kbd>
            </td>
            <td>Save the policy draft (Policy page)</td>
          </tr>
          <tr>
            <td>
              <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Home</kbd> <kbd>End</kbd>
            </td>
            <td>Move between table rows</td>
          </tr>
          <tr>
            <td>
              <kbd>?</kbd> or <kbd>F1</kbd>
            </td>
            <td>This list</td>
          </tr>
        </tbody>
      </table>
      <div className="button-row button-row--end">
        <button type="button" className="button button--primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
