// A free-text setting (DNS servers, paths), saved on Enter or when leaving the field, checked
// with the settings schema the API itself applies so its message shows inline. The pattern of
// servers/SshPathSetting.tsx, for any text-valued key.

import { useId, useState } from 'react';
import { issuesOf } from '../../../core/app/validation';
import { settingsPatchSchema, type SettingKey, type Settings } from '../../../core/settings/schema';
import { useSettings } from '../../state/settings-context';

/** The settings whose value is free text (not a choice among a few). */
export type TextSettingKey = {
  [K in SettingKey]: string extends Settings[K] ? K : never;
}[SettingKey];

export function TextSetting({
  name,
  label,
  placeholder,
  hint,
}: {
  name: TextSettingKey;
  label: string;
  placeholder: string;
  hint: string;
}) {
  const { settings, update } = useSettings();
  const id = useId();
  // null: not being edited, the input shows the saved value (which may change elsewhere).
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const value = draft ?? settings[name];

  const commit = async () => {
    if (draft === null || draft === settings[name]) return setDraft(null);
    const parsed = settingsPatchSchema.safeParse({ [name]: draft });
    if (!parsed.success) {
      setError(issuesOf(parsed.error)[0]?.message ?? 'not valid');
      return;
    }
    setError(undefined);
    if (await update({ [name]: draft })) {
      setDraft(null);
      setSaved(true);
      setTimeout(() => setSaved(false), 2000);
    } else {
      setError('Not saved: see the notification for why.');
    }
  };

  return (
    <div className={`form-field ${error ? 'form-field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        name={name}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
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
