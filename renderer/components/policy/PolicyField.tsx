// A labelled control of the policy forms. Its id comes from the policy path, so the problems
// summary can jump to it; its problem (from the schema) is shown under it and announced.

import type { ReactElement, ReactNode } from 'react';
import { fieldId } from './policy-issues';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

export function PolicyField({
  path,
  label,
  hint,
  error,
  inline = false,
  children,
}: {
  path: readonly (string | number)[];
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Checkbox style: the control before its label. */
  inline?: boolean;
  children: (control: ControlProps) => ReactElement;
}) {
  const id = fieldId(path);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const control = children({
    id,
    'aria-invalid': !!error,
    'aria-describedby': describedBy || undefined,
  });
  return (
    <div className={`pfield ${inline ? 'pfield--inline' : ''} ${error ? 'pfield--invalid' : ''}`}>
      {inline ? (
        <label className="pfield__check" htmlFor={id}>
          {control}
          <span>{label}</span>
        </label>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          {control}
        </>
      )}
      {hint && (
        <p id={`${id}-hint`} className="pfield__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="pfield__error">
          {error}
        </p>
      )}
    </div>
  );
}
