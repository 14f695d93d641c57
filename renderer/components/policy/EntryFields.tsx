// The controls of one entry being edited in its table row. Keys stay inside the row's form:
// Enter saves, Escape cancels, and the table's arrow keys do not steal Home/End from the text.

import type { KeyboardEvent, ReactNode } from 'react';
import { ALLOW_SCOPES } from '../../../core/policy/schema';
import { SCOPE_WORDS, type AllowScope, type ListEntry } from './list-kinds';

export interface EditKeys {
  onCommit: () => void;
  onCancel: () => void;
}

export function rowKeys({ onCommit, onCancel }: EditKeys) {
  return (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      onCommit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };
}

type Change = (patch: Partial<ListEntry>) => void;

/** Clicks inside an edited row must not reach the row (which would start the edit again). */
function Stop({ children, keys }: { children: ReactNode; keys: EditKeys }) {
  return (
    <span className="row-edit" onKeyDown={rowKeys(keys)} onClick={(e) => e.stopPropagation()}>
      {children}
    </span>
  );
}

export function ValueInput({
  value,
  error,
  label,
  onChange,
  keys,
}: {
  value: string;
  error?: string;
  label: string;
  onChange: Change;
  keys: EditKeys;
}) {
  return (
    <Stop keys={keys}>
      <input
        className="cell-input cell-input--value"
        value={value}
        aria-label={label}
        aria-invalid={!!error}
        data-row-autofocus
        spellCheck={false}
        onChange={(e) => onChange({ value: e.target.value })}
      />
      {error && <span className="row-issue">{error}</span>}
    </Stop>
  );
}

export function NoteInput({
  value,
  onChange,
  keys,
}: {
  value: string;
  onChange: Change;
  keys: EditKeys;
}) {
  return (
    <Stop keys={keys}>
      <input
        className="cell-input"
        value={value}
        aria-label="Note"
        maxLength={500}
        onChange={(e) => onChange({ note: e.target.value || undefined })}
      />
    </Stop>
  );
}

export function ScopeSelect({
  value,
  onChange,
  keys,
}: {
  value: AllowScope;
  onChange: Change;
  keys: EditKeys;
}) {
  return (
    <Stop keys={keys}>
      <select
        className="cell-input"
        aria-label="Scope"
        value={value}
        onChange={(e) => {
          const scope = e.target.value as AllowScope;
          onChange({ scope: scope === 'all' ? undefined : scope });
        }}
      >
        {ALLOW_SCOPES.map((s) => (
          <option key={s} value={s}>
            {SCOPE_WORDS[s]}
          </option>
        ))}
      </select>
    </Stop>
  );
}

export function SpfCheckbox({
  value,
  onChange,
  keys,
}: {
  value: boolean;
  onChange: Change;
  keys: EditKeys;
}) {
  return (
    <Stop keys={keys}>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={value}
          onChange={(e) => onChange({ requireSpf: e.target.checked })}
        />
        <span>SPF pass required</span>
      </label>
    </Stop>
  );
}

export function ExpiresInput({
  value,
  onChange,
  keys,
}: {
  value: string;
  onChange: Change;
  keys: EditKeys;
}) {
  return (
    <Stop keys={keys}>
      <input
        // A full timestamp (from a file) is kept as text: a date picker would cut it.
        type={value.length > 10 ? 'text' : 'date'}
        className="cell-input"
        aria-label="Expires"
        value={value}
        onChange={(e) => onChange({ expires: e.target.value || undefined })}
      />
    </Stop>
  );
}
