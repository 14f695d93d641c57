// The columns of a list table: selection, line, value (with its problems), the list's own
// columns (scope, SPF, expiry), note, source, and the row's actions. A row being edited shows
// inputs in the same cells.

import type { ColumnDef } from '@tanstack/react-table';
import { isActive } from '../../../core/policy/address-match';
import type { PolicyIssue } from './policy-issues';
import {
  ExpiresInput,
  NoteInput,
  ScopeSelect,
  SpfCheckbox,
  ValueInput,
  type EditKeys,
} from './EntryFields';
import { SCOPE_WORDS, type ListDef, type ListEntry } from './list-kinds';
import type { ListRow, SortState } from './list-view';
import { sourceWord } from './policy-words';
import { SortHeader } from './SortHeader';

export interface Editing {
  index: number;
  entry: ListEntry;
  /** The schema's verdict on what is typed, live. */
  error?: string;
}

export interface ColumnsInput {
  def: ListDef;
  sort: SortState;
  onSort: (s: SortState) => void;
  issues: ReadonlyMap<number, PolicyIssue[]>;
  editing: Editing | undefined;
  onEditChange: (patch: Partial<ListEntry>) => void;
  keys: EditKeys;
  selected: ReadonlySet<number>;
  allSelected: boolean;
  onToggle: (index: number) => void;
  onToggleAll: () => void;
  onEdit: (row: ListRow) => void;
  onDelete: (row: ListRow) => void;
  now: number;
}

type Col = ColumnDef<ListRow, unknown>;

const stop = (e: { stopPropagation: () => void }) => e.stopPropagation();

export function listColumns(c: ColumnsInput): Col[] {
  const editing = (row: ListRow) => c.editing?.index === row.index;
  const header = (label: string, column: SortState['column']) => () => (
    <SortHeader label={label} column={column} sort={c.sort} onSort={c.onSort} />
  );
  const cols: Col[] = [
    {
      id: 'select',
      enableSorting: false,
      header: () => (
        <input
          type="checkbox"
          aria-label="Select every entry shown by the filter"
          checked={c.allSelected}
          onChange={c.onToggleAll}
        />
      ),
      cell: ({ row: { original: r } }) => (
        <input
          type="checkbox"
          aria-label={`Select line ${r.index + 1}`}
          checked={c.selected.has(r.index)}
          onClick={stop}
          onChange={() => c.onToggle(r.index)}
          tabIndex={-1}
        />
      ),
    },
    {
      id: 'line',
      enableSorting: false,
      header: header('Line', 'line'),
      cell: ({ row: { original: r } }) => (
        <span className="num muted" data-row-index={r.index}>
          {r.index + 1}
        </span>
      ),
    },
    {
      id: 'value',
      enableSorting: false,
      header: header('Value', 'value'),
      cell: ({ row: { original: r } }) => {
        if (editing(r) && c.editing)
          return (
            <ValueInput
              value={c.editing.entry.value}
              error={c.editing.error}
              label={`Value of line ${r.index + 1}`}
              onChange={c.onEditChange}
              keys={c.keys}
            />
          );
        const problems = c.issues.get(r.index);
        return (
          <span className="entry-value">
            <code className="verbatim">{r.entry.value}</code>
            {problems?.map((p, i) => (
              <span key={i} className="row-issue">
                {p.message}
              </span>
            ))}
          </span>
        );
      },
    },
  ];
  if (c.def.scope)
    cols.push({
      id: 'scope',
      enableSorting: false,
      header: header('Scope', 'scope'),
      cell: ({ row: { original: r } }) =>
        editing(r) && c.editing ? (
          <ScopeSelect
            value={c.editing.entry.scope ?? 'all'}
            onChange={c.onEditChange}
            keys={c.keys}
          />
        ) : (
          <span className={r.entry.scope && r.entry.scope !== 'all' ? 'scope-word' : 'muted'}>
            {SCOPE_WORDS[r.entry.scope ?? 'all']}
          </span>
        ),
    });
  if (c.def.requireSpf)
    cols.push({
      id: 'requireSpf',
      enableSorting: false,
      header: header('Only if SPF passes', 'requireSpf'),
      cell: ({ row: { original: r } }) =>
        editing(r) && c.editing ? (
          <SpfCheckbox
            value={!!c.editing.entry.requireSpf}
            onChange={c.onEditChange}
            keys={c.keys}
          />
        ) : r.entry.requireSpf ? (
          <span className="badge badge--on">SPF pass</span>
        ) : (
          <span className="muted">no</span>
        ),
    });
  cols.push({
    id: 'note',
    enableSorting: false,
    header: header('Note', 'note'),
    cell: ({ row: { original: r } }) =>
      editing(r) && c.editing ? (
        <NoteInput value={c.editing.entry.note ?? ''} onChange={c.onEditChange} keys={c.keys} />
      ) : (
        <span className="verbatim entry-note">{r.entry.note ?? ''}</span>
      ),
  });
  cols.push({
    id: 'source',
    enableSorting: false,
    header: header('Source', 'source'),
    cell: ({ row: { original: r } }) => (
      <span className="muted verbatim">{sourceWord(r.entry.source)}</span>
    ),
  });
  if (c.def.expires)
    cols.push({
      id: 'expires',
      enableSorting: false,
      header: header('Expires', 'expires'),
      cell: ({ row: { original: r } }) =>
        editing(r) && c.editing ? (
          <ExpiresInput
            value={c.editing.entry.expires ?? ''}
            onChange={c.onEditChange}
            keys={c.keys}
          />
        ) : r.entry.expires ? (
          <span className="nowrap">
            <span className="verbatim">{r.entry.expires}</span>
            {!isActive(r.entry, c.now) && <span className="badge badge--expired">expired</span>}
          </span>
        ) : (
          <span className="muted">never</span>
        ),
    });
  cols.push({
    id: 'actions',
    enableSorting: false,
    header: () => <span className="visually-hidden">Actions</span>,
    cell: ({ row: { original: r } }) =>
      editing(r) ? (
        <span className="row-actions" onClick={stop}>
          <button
            type="button"
            className="button button--small button--primary"
            onClick={c.keys.onCommit}
          >
            Done
          </button>
          <button type="button" className="button button--small" onClick={c.keys.onCancel}>
            Cancel
          </button>
        </span>
      ) : (
        <span className="row-actions" onClick={stop}>
          <button
            type="button"
            className="button button--small"
            tabIndex={-1}
            aria-label={`Edit line ${r.index + 1}`}
            title="Edit (Enter)"
            onClick={() => c.onEdit(r)}
          >
            Edit
          </button>
          <button
            type="button"
            className="button button--small button--danger-outline row-delete"
            tabIndex={-1}
            aria-label={`Delete line ${r.index + 1}`}
            title="Delete (Delete key)"
            onClick={() => c.onDelete(r)}
          >
            ×
          </button>
        </span>
      ),
  });
  return cols;
}
