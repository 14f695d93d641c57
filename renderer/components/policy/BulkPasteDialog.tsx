// Bulk paste (and file import, which opens here with the file's text): one entry per line, an
// optional note after whitespace or a comma, or a CSV with a header row. The report updates as
// the text changes; "Add" adds the good lines and keeps the dialog open while some lines still
// have a problem, so they can be fixed in place — lines already added are then duplicates.

import { useDeferredValue, useId, useMemo, useState } from 'react';
import { ALLOW_SCOPES } from '../../../core/policy/schema';
import { Modal } from '../servers/Modal';
import {
  SCOPE_WORDS,
  VALUE_FORMS,
  type AllowScope,
  type ListDef,
  type ListEntry,
} from './list-kinds';
import { parseLines } from './parse-lines';
import { PasteReport } from './PasteReport';
import { plural } from './policy-words';

export interface PasteSource {
  text: string;
  /** When the text came from a file. */
  fileName?: string;
}

export function BulkPasteDialog({
  def,
  entries,
  source,
  onAdd,
  onClose,
}: {
  def: ListDef;
  entries: readonly ListEntry[];
  source: PasteSource;
  onAdd: (added: ListEntry[]) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(source.text);
  const [scope, setScope] = useState<AllowScope>('all');
  const [requireSpf, setRequireSpf] = useState(false);
  const [expires, setExpires] = useState('');
  const [added, setAdded] = useState<number>();
  const deferred = useDeferredValue(text);
  const report = useMemo(
    () =>
      parseLines(deferred, def, entries, {
        scope,
        requireSpf,
        ...(expires ? { expires } : {}),
      }),
    [deferred, def, entries, scope, requireSpf, expires],
  );
  const stale = deferred !== text;

  const add = () => {
    if (report.good.length === 0) return;
    onAdd(report.good.map((g) => g.entry));
    setAdded(report.good.length);
    if (report.bad.length === 0) onClose();
  };

  return (
    <Modal
      labelledBy={`${id}-title`}
      onCancel={onClose}
      className="dialog--paste"
      testId="paste-dialog"
    >
      <h2 id={`${id}-title`}>
        {source.fileName ? (
          <>
            Import <span className="verbatim">{source.fileName}</span> into the {def.name}
          </>
        ) : (
          <>Paste lines into the {def.name}</>
        )}
      </h2>
      <p className="pfield__hint">
        One entry per line; a note may follow after a space or a comma. Blank lines and lines
        starting with # are ignored; a CSV with a “value” header column (as exported) is read by
        column. {VALUE_FORMS[def.kind]}
      </p>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        Lines
      </label>
      <textarea
        id={`${id}-text`}
        className="paste-text"
        value={text}
        rows={12}
        spellCheck={false}
        wrap="off"
        data-autofocus
        placeholder={'192.0.2.0/24  partner relays\n198.51.100.7, ticket 4711\nmail.example.com'}
        onChange={(e) => {
          setText(e.target.value);
          setAdded(undefined);
        }}
      />
      <div className="paste-defaults">
        {def.scope && (
          <label>
            Scope of these entries{' '}
            <select value={scope} onChange={(e) => setScope(e.target.value as AllowScope)}>
              {ALLOW_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {SCOPE_WORDS[s]}
                </option>
              ))}
            </select>
          </label>
        )}
        {def.kind === 'sender' && def.requireSpf && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={requireSpf}
              onChange={(e) => setRequireSpf(e.target.checked)}
            />
            <span>Only if SPF passes</span>
          </label>
        )}
        {def.expires && (
          <label>
            Expire on{' '}
            <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </label>
        )}
      </div>
      <div className={stale ? 'is-stale' : undefined}>
        <PasteReport report={report} />
      </div>
      {added !== undefined && (
        <p className="add-entry__added" role="status">
          Added {plural(added, 'entry', 'entries')}. Fix the lines above and add again, or close.
        </p>
      )}
      <div className="button-row button-row--end">
        <button type="button" className="button" onClick={onClose}>
          {added !== undefined ? 'Close' : 'Cancel'}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={stale || report.good.length === 0}
          onClick={add}
        >
          Add {plural(report.good.length, 'entry', 'entries')}
        </button>
      </div>
    </Modal>
  );
}
