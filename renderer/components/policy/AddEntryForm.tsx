// Adding one entry: checked with the list's own schema and against the entries already there
// before it is added, so a typo never reaches the draft silently.

import { useId, useState, type FormEvent } from 'react';
import { ALLOW_SCOPES } from '../../../core/policy/schema';
import {
  PLACEHOLDER,
  SCOPE_WORDS,
  VALUE_FORMS,
  type AllowScope,
  type ListDef,
  type ListEntry,
} from './list-kinds';
import { entryKey, makeEntry } from './parse-lines';
import { checkEntry } from './policy-issues';

export function AddEntryForm({
  def,
  entries,
  onAdd,
}: {
  def: ListDef;
  entries: readonly ListEntry[];
  onAdd: (entry: ListEntry) => void;
}) {
  const id = useId();
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [scope, setScope] = useState<AllowScope>('all');
  const [requireSpf, setRequireSpf] = useState(false);
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<string>();
  const [added, setAdded] = useState<string>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const entry = makeEntry(
      def,
      { value, ...(note.trim() ? { note: note.trim() } : {}), ...(expires ? { expires } : {}) },
      { scope, requireSpf },
    );
    const problem = value.trim() ? checkEntry(def, entry) : 'Type a value first.';
    const k = entryKey(entry.value);
    const dup = entries.findIndex((x) => entryKey(x.value) === k);
    if (problem || dup >= 0) {
      setError(problem ?? `${entry.value} is already on line ${dup + 1}.`);
      setAdded(undefined);
      return;
    }
    onAdd(entry);
    setAdded(`Added ${entry.value} as line ${entries.length + 1}.`);
    setValue('');
    setNote('');
    setError(undefined);
  };

  return (
    <form className="add-entry" onSubmit={submit} aria-label={`Add to the ${def.name}`}>
      <div className="add-entry__fields">
        <div className="add-entry__value">
          <label htmlFor={`${id}-value`}>New entry</label>
          <input
            id={`${id}-value`}
            value={value}
            placeholder={PLACEHOLDER[def.kind]}
            spellCheck={false}
            aria-invalid={!!error}
            aria-describedby={`${id}-forms ${error ? `${id}-error` : ''}`}
            onChange={(e) => {
              setValue(e.target.value);
              setError(undefined);
            }}
          />
        </div>
        <div className="add-entry__note">
          <label htmlFor={`${id}-note`}>Note</label>
          <input
            id={`${id}-note`}
            value={note}
            maxLength={500}
            placeholder="optional"
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {def.scope && (
          <div>
            <label htmlFor={`${id}-scope`}>Scope</label>
            <select
              id={`${id}-scope`}
              value={scope}
              onChange={(e) => setScope(e.target.value as AllowScope)}
            >
              {ALLOW_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {SCOPE_WORDS[s]}
                </option>
              ))}
            </select>
          </div>
        )}
        {def.expires && (
          <div>
            <label htmlFor={`${id}-expires`}>Expires</label>
            <input
              id={`${id}-expires`}
              type="date"
              value={expires}
              onChange={(e) => setExpires(e.target.value)}
            />
          </div>
        )}
        {def.requireSpf && (
          <label className="checkbox add-entry__spf">
            <input
              type="checkbox"
              checked={requireSpf}
              onChange={(e) => setRequireSpf(e.target.checked)}
            />
            <span>Only if SPF passes</span>
          </label>
        )}
        <button type="submit" className="button button--primary add-entry__button">
          Add
        </button>
      </div>
      <p id={`${id}-forms`} className="pfield__hint">
        {VALUE_FORMS[def.kind]}
      </p>
      {error && (
        <p id={`${id}-error`} className="pfield__error" role="alert">
          {error}
        </p>
      )}
      {added && !error && (
        <p className="add-entry__added" role="status">
          {added}
        </p>
      )}
    </form>
  );
}
