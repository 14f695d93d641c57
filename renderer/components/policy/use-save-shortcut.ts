// Ctrl+S (Cmd+S) saves from anywhere on the Policy page, even from inside a field — as in an
// editor — by opening the save dialog; the browser's "save page" never appears.

import { useEffect, useEffectEvent } from 'react';

export function useSaveShortcut(onSave: () => void): void {
  const save = useEffectEvent(onSave);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        // A dialog already open (the save dialog itself, a confirmation) keeps the keyboard.
        if (document.querySelector('dialog[open]')) return;
        save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
