// Adding a server, by an alias from the ssh config or by host and port. The API's own checks
// come back next to the fields they name; the connection test starts once the server is saved.

import { useState, type FormEvent } from 'react';
import type { ServerSummary } from '../../../core/app/api';
import { useApi, useQuery } from '../../state/api-context';
import { AliasPicker, type SshAliases } from './AliasPicker';
import { fieldIssues } from './error-detail';
import { focusFirstInvalid } from './focus-invalid';
import { Modal } from './Modal';
import {
  checkForm,
  EMPTY_FORM,
  toInput,
  type FieldErrors,
  type ServerFormValues,
} from './server-form';
import { ConnectionFields, DescriptionFields, NameField } from './ServerFields';
import { submitOnEnter } from './submit-keys';

type Mode = 'alias' | 'host';

export interface AddServerDialogProps {
  onCancel: () => void;
  onAdded: (server: ServerSummary) => void;
}

/** Waits for the ssh config's aliases so the dialog opens on the right tab with focus in place. */
export function AddServerDialog(props: AddServerDialogProps) {
  const { data, error } = useQuery('servers.sshAliases', []);
  if (!data && !error) return null;
  const config = data ?? { configPath: '~/.ssh/config', aliases: [] };
  return <AddServerForm {...props} config={config} configError={error?.message} />;
}

function AddServerForm({
  onCancel,
  onAdded,
  config,
  configError,
}: AddServerDialogProps & { config: SshAliases; configError: string | undefined }) {
  const api = useApi();
  const [mode, setMode] = useState<Mode>(config.aliases.length > 0 ? 'alias' : 'host');
  const [values, setValues] = useState<ServerFormValues>(EMPTY_FORM);
  const [alias, setAlias] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const defaultName = mode === 'alias' ? alias : values.host;
  // In alias mode the alias is the host, and the ssh config supplies port, user and key.
  const effective = (): ServerFormValues =>
    mode === 'alias'
      ? {
          ...EMPTY_FORM,
          name: values.name || alias,
          host: alias,
          tags: values.tags,
          notes: values.notes,
        }
      : { ...values, name: values.name || values.host };

  const change = (field: keyof ServerFormValues, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    // An error goes away as soon as the admin edits the field it was about.
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const blur = (field: keyof ServerFormValues) => {
    const value = values[field];
    if (value) setErrors((e) => ({ ...e, [field]: checkForm(effective())[field] }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const v = effective();
    const found = checkForm(v);
    if (mode === 'alias' && !alias) found.host = 'Choose an alias, or switch to “Host and port”.';
    setErrors(found);
    setFormError(undefined);
    const form = e.currentTarget as HTMLFormElement;
    if (Object.values(found).some(Boolean)) return focusFirstInvalid(form);
    setSaving(true);
    const r = await api.call('servers.add', toInput(v));
    setSaving(false);
    if (r.ok) return onAdded(r.value);
    const byField = fieldIssues(r.error);
    setErrors(byField);
    if (Object.keys(byField).length === 0) setFormError(r.error.message);
    else focusFirstInvalid(form);
  };

  return (
    <Modal
      labelledBy="add-server-title"
      onCancel={onCancel}
      busy={saving}
      className="dialog--form"
      testId="add-server-dialog"
    >
      <form onSubmit={(e) => void submit(e)} onKeyDown={submitOnEnter} noValidate>
        <h2 id="add-server-title">Add a server</h2>
        <fieldset className="mode-switch">
          <legend className="visually-hidden">How to reach it</legend>
          <div className="segmented">
            {(
              [
                ['alias', 'From my SSH config'],
                ['host', 'Host and port'],
              ] as const
            ).map(([m, label]) => (
              <label key={m} className="segmented__option">
                <input
                  type="radio"
                  name="mode"
                  value={m}
                  checked={mode === m}
                  onChange={() => {
                    setMode(m);
                    setErrors({});
                  }}
                />
                <span>{label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {configError && (
          <p className="callout callout--error" role="alert">
            Could not read your ssh config: {configError}
          </p>
        )}
        {mode === 'alias' ? (
          <AliasPicker
            config={config}
            value={alias}
            error={errors.host}
            onChange={(a) => {
              setAlias(a);
              setErrors((e) => ({ ...e, host: undefined }));
            }}
            autoFocus
          />
        ) : (
          <ConnectionFields
            values={values}
            errors={errors}
            onChange={change}
            onBlur={blur}
            autoFocus
          />
        )}
        <NameField
          values={values}
          errors={errors}
          onChange={change}
          placeholder={defaultName ? `${defaultName} (default)` : undefined}
        />
        <DescriptionFields values={values} errors={errors} onChange={change} onBlur={blur} />
        {formError && (
          <p className="callout callout--error" role="alert">
            {formError}
          </p>
        )}
        <p className="form-note">
          After saving, mxwarden connects once to test it: you will be shown the server’s host key
          fingerprint to confirm.
        </p>
        <div className="button-row button-row--end">
          <button type="button" className="button" onClick={onCancel} disabled={saving}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Adding…' : 'Add and test'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
