// A server's settings, edited in place. Only changed fields are sent (and audited); the API's
// checks come back next to their fields.

import { useState, type FormEvent } from 'react';
import type { ServerSummary } from '../../../core/app/api';
import { useApi } from '../../state/api-context';
import { useNotifications } from '../../state/notifications';
import { fieldIssues } from './error-detail';
import { focusFirstInvalid } from './focus-invalid';
import {
  changedFields,
  checkForm,
  formFromServer,
  type FieldErrors,
  type ServerFormValues,
} from './server-form';
import { ConnectionFields, DescriptionFields, NameField } from './ServerFields';
import { submitOnEnter } from './submit-keys';

const CONNECTION_FIELDS = ['host', 'port', 'username', 'identityFile'] as const;

export function EditServerForm({
  server,
  onConnectionChanged,
}: {
  server: ServerSummary;
  /** Called after a save that changed how the server is reached. */
  onConnectionChanged: () => void;
}) {
  const api = useApi();
  const { notify } = useNotifications();
  const [values, setValues] = useState<ServerFormValues>(() => formFromServer(server));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const patch = changedFields(server, values);
  const dirty = Object.keys(patch).length > 0;

  const change = (field: keyof ServerFormValues, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const blur = (field: keyof ServerFormValues) =>
    setErrors((e) => ({ ...e, [field]: checkForm(values)[field] }));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!dirty) return;
    const found = checkForm(values);
    setErrors(found);
    setFormError(undefined);
    const form = e.currentTarget as HTMLFormElement;
    if (Object.values(found).some(Boolean)) return focusFirstInvalid(form);
    setSaving(true);
    const r = await api.call('servers.update', { id: server.id, ...patch });
    setSaving(false);
    if (!r.ok) {
      const byField = fieldIssues(r.error);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setFormError(r.error.message);
      else focusFirstInvalid(form);
      return;
    }
    const reconnect = CONNECTION_FIELDS.some((f) => f in patch);
    notify({
      kind: 'success',
      title: `Saved ${r.value.name}`,
      ...(reconnect ? { message: 'Testing the new connection settings…' } : {}),
    });
    if (reconnect) onConnectionChanged();
  };

  return (
    <form
      className="server-form"
      onSubmit={(e) => void save(e)}
      onKeyDown={submitOnEnter}
      noValidate
      aria-label="Connection settings"
    >
      <NameField values={values} errors={errors} onChange={change} onBlur={blur} />
      <ConnectionFields
        values={values}
        errors={errors}
        onChange={change}
        onBlur={blur}
        resolved={server.target}
      />
      <DescriptionFields values={values} errors={errors} onChange={change} onBlur={blur} />
      {formError && (
        <p className="callout callout--error" role="alert">
          {formError}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={!dirty || saving}>
          {saving ? 'Saving…' : 'Save changes'}
        </button>
        <button
          type="button"
          className="button"
          disabled={!dirty || saving}
          onClick={() => {
            setValues(formFromServer(server));
            setErrors({});
            setFormError(undefined);
          }}
        >
          Undo changes
        </button>
      </div>
    </form>
  );
}
