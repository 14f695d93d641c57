// After a refused submit, the keyboard lands on the first field to fix. The errors render on
// the next commit, so the look-up waits for it.

export function focusFirstInvalid(form: HTMLFormElement | null): void {
  setTimeout(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}
