// A whole-number policy field with its unit, its hint and its problem.

import type { ReactNode } from 'react';
import type { FormProps } from './form-types';
import { NumberInput } from './NumberInput';
import { PolicyField } from './PolicyField';
import { fieldIssue } from './policy-issues';
import { getAt } from './policy-path';

export function NumberField({
  form,
  path,
  label,
  unit,
  hint,
  disabled,
  optional,
}: {
  form: FormProps;
  path: (string | number)[];
  label: string;
  unit?: string;
  hint?: ReactNode;
  disabled?: boolean;
  optional?: boolean;
}) {
  const value = getAt(form.draft, path) as number | undefined;
  return (
    <PolicyField path={path} label={label} hint={hint} error={fieldIssue(form.issues, path)}>
      {(control) => (
        <span className="num-field">
          <NumberInput
            {...control}
            value={value}
            optional={optional}
            disabled={disabled}
            onValue={(v) => form.setField(path, v)}
          />
          {unit && <span className="num-field__unit">{unit}</span>}
        </span>
      )}
    </PolicyField>
  );
}

export function CheckboxField({
  form,
  path,
  label,
  hint,
  disabled,
}: {
  form: FormProps;
  path: (string | number)[];
  label: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
}) {
  return (
    <PolicyField path={path} label={label} hint={hint} error={fieldIssue(form.issues, path)} inline>
      {(control) => (
        <input
          {...control}
          type="checkbox"
          disabled={disabled}
          checked={getAt(form.draft, path) === true}
          onChange={(e) => form.setField(path, e.target.checked)}
        />
      )}
    </PolicyField>
  );
}

export function SelectField<V extends string>({
  form,
  path,
  label,
  options,
  hint,
  disabled,
}: {
  form: FormProps;
  path: (string | number)[];
  label: string;
  options: Record<V, string>;
  hint?: ReactNode;
  disabled?: boolean;
}) {
  return (
    <PolicyField path={path} label={label} hint={hint} error={fieldIssue(form.issues, path)}>
      {(control) => (
        <select
          {...control}
          disabled={disabled}
          value={String(getAt(form.draft, path) ?? '')}
          onChange={(e) => form.setField(path, e.target.value)}
        >
          {(Object.entries(options) as [V, string][]).map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      )}
    </PolicyField>
  );
}
