// The inputs of a server's settings, shared by the Add dialog and the detail page's form.
// Each part renders only its own fields; the parent owns the values and the errors.

import type { ResolvedTarget } from '../../../core/app/api';
import type { FieldErrors, ServerFormValues } from './server-form';
import { Field } from './Field';

export interface FieldsProps {
  values: ServerFormValues;
  errors: FieldErrors;
  onChange: (field: keyof ServerFormValues, value: string) => void;
  /** Checks a field when the admin leaves it. */
  onBlur?: (field: keyof ServerFormValues) => void;
}

const bind = (p: FieldsProps, field: keyof ServerFormValues) => ({
  name: field,
  value: p.values[field],
  onChange: (e: { target: { value: string } }) => p.onChange(field, e.target.value),
  onBlur: () => p.onBlur?.(field),
});

export function NameField(props: FieldsProps & { placeholder?: string; autoFocus?: boolean }) {
  return (
    <Field
      label="Name"
      error={props.errors.name}
      hint="How mxwarden shows this server; it must be unique."
    >
      {(c) => (
        <input
          {...c}
          {...bind(props, 'name')}
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={props.placeholder}
          data-autofocus={props.autoFocus ? true : undefined}
        />
      )}
    </Field>
  );
}

export function ConnectionFields(
  props: FieldsProps & { autoFocus?: boolean; resolved?: ResolvedTarget },
) {
  // An empty field takes its value from the ssh config: show which one it gets today.
  const r = props.resolved?.ok ? props.resolved : undefined;
  return (
    <div className="form-grid">
      <Field
        label="Host"
        error={props.errors.host}
        hint="A host name, an address, or an ssh config alias."
      >
        {(c) => (
          <input
            {...c}
            {...bind(props, 'host')}
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="mx1.example.net"
            data-autofocus={props.autoFocus ? true : undefined}
          />
        )}
      </Field>
      <Field label="Port" error={props.errors.port} hint="Empty: ssh config, else 22.">
        {(c) => (
          <input
            {...c}
            {...bind(props, 'port')}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={r ? String(r.port) : '22'}
            className="input--short"
          />
        )}
      </Field>
      <Field
        label="User"
        error={props.errors.username}
        hint="root, or a user with sudo for the Postfix tools. Empty: ssh config, else your login."
      >
        {(c) => (
          <input
            {...c}
            {...bind(props, 'username')}
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder={r ? r.user : 'root'}
          />
        )}
      </Field>
      <Field
        label="Identity file"
        error={props.errors.identityFile}
        hint="Private key. Empty: ssh config, the agent, or ~/.ssh/id_*."
      >
        {(c) => (
          <input
            {...c}
            {...bind(props, 'identityFile')}
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder={r?.identityFiles[0] ?? '~/.ssh/id_ed25519'}
          />
        )}
      </Field>
    </div>
  );
}

export function DescriptionFields(props: FieldsProps) {
  return (
    <>
      <Field
        label="Tags"
        error={props.errors.tags}
        hint="Comma-separated, e.g. eu, edge, canary. Used to filter the list."
      >
        {(c) => (
          <input
            {...c}
            {...bind(props, 'tags')}
            type="text"
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <Field
        label="Notes"
        error={props.errors.notes}
        hint="Anything the next admin should know. Ctrl+Enter saves."
      >
        {(c) => <textarea {...c} {...bind(props, 'notes')} rows={2} />}
      </Field>
    </>
  );
}
