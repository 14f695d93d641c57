// A whole-number setting (the statistics' size bound, days kept), saved on Enter or when leaving
// the field, checked with the settings schema the API applies so its message shows inline. The
// pattern of check/TextSetting.tsx for number-valued keys.

import { useId, useState } from 'react';
import { issuesOf } from '../../../core/app/validation';
import { settingsPatchSchema, type SettingKey, type Settings } from '../../../core/settings/schema';
import { useSettings } from '../../state/settings-context';

export type NumberSettingKey = {
  [K in SettingKey]: Settings[K] extends number ? K : never;
}[SettingKey];

export function NumberSetting({
  name,
  label,
  hint,
}: {
  name: NumberSettingKey;
  label: string;
  hint: string;
}) {
  const { settings, update } = useSettings();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const value = draft ?? String(settings[name]);

  const commit = async () => {
    if (draft === null || draft === String(settings[name])) return setDraft(null);
    const number = draft.trim() === '' ? Number.NaN : Number(draft);
    const parsed = settingsPatchSchema.safeParse({ [name]: number });
    if (!parsed.success) {
      setError(issuesOf(parsed.error)[0]?.message ?? 'not valid');
      return;
    }
    setError(undefined);
    if (await update({ [name]: number })) {
      setDraft(null);
      setSaved(true);
      setTimeout(() => setSaved(false), 2000);
    } else setError('Not saved: see the notification for why.');
  };

  return (
    <div className={`form-field ${error ? 'form-field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        name={name}
        value={value}
        aria-invalid={!!error}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(undefined);
        }}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void commit();
          } else if (e.key === 'Escape' && draft !== null) {
            setDraft(null);
            setError(undefined);
          }
        }}
      />
      <p id={`${id}-hint`} className="form-field__hint">
        {hint}
        {saved && (
          <span className="saved-mark" role="status">
            {' '}
            Saved.
          </span>
        )}
      </p>
      {error && (
        <p id={`${id}-error`} className="form-field__error" role="alert">
          {label}: {error}
        </p>
      )}
    </div>
  );
}
