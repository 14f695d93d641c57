// Enter submits from any single-line control of a form (browsers do it for inputs only, not for
// a <select>); Ctrl/Cmd+Enter submits from a textarea, where plain Enter is a new line.

import type { KeyboardEvent } from 'react';

export function submitOnEnter(e: KeyboardEvent<HTMLFormElement>): void {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
  const target = e.target as HTMLElement;
  const inTextarea = target.tagName === 'TEXTAREA';
  if (target.tagName === 'SELECT' || (inTextarea && (e.ctrlKey || e.metaKey))) {
    e.preventDefault();
    e.currentTarget.requestSubmit();
  }
}
