// One list of the policy as an editable table: filter, sort, pages of 100, add, edit in place,
// delete with undo, bulk paste, file import, CSV export. The table follows the app's DataTable
// keyboard model (Tab reaches it once, arrows move between rows); on a row, Enter or F2 edits,
// Delete removes, Space selects, Ctrl+Z undoes the last delete.

import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { downloadCsv, fileStamp } from '../../lib/download';
import { useNotifications } from '../../state/notifications';
import { DataTable } from '../DataTable';
import { useNow } from '../servers/use-now';
import { AddEntryForm } from './AddEntryForm';
import { BulkPasteDialog, type PasteSource } from './BulkPasteDialog';
import { listColumns, type Editing } from './list-columns';
import { csvHeader, csvRows } from './list-csv';
import type { ListDef, ListEntry } from './list-kinds';
import { listView, PAGE_SIZE, type ListRow, type SortState } from './list-view';
import { ListToolbar } from './ListToolbar';
import { Pager } from './Pager';
import { checkEntry, type PolicyIssue } from './policy-issues';
import { plural } from './policy-words';
import { UndoBar } from './UndoBar';

export interface RowFocus {
  index: number;
  nonce: number;
}

interface Undo {
  text: string;
  removed: { index: number; entry: ListEntry }[];
}

const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** After the next render: the keyboard lands on the row of that list index. */
function focusRowIn(rootId: string, index: number): void {
  setTimeout(() => {
    const cell = document.getElementById(rootId)?.querySelector(`[data-row-index="${index}"]`);
    const row = cell?.closest('tr');
    row?.focus();
    row?.scrollIntoView({ block: 'nearest' });
  }, 0);
}

export function ListEditor({
  def,
  entries,
  issues,
  onChange,
  focus,
}: {
  def: ListDef;
  entries: ListEntry[];
  issues: ReadonlyMap<number, PolicyIssue[]>;
  onChange: (next: ListEntry[]) => void;
  focus?: RowFocus;
}) {
  const { notify } = useNotifications();
  const now = useNow();
  // Looked up by id rather than a ref: the column cells call these helpers from event handlers.
  const rootId = useId();
  const root = () => document.getElementById(rootId);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortState>({ column: 'line', desc: false });
  const [page, setPage] = useState(0);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [editing, setEditing] = useState<Editing>();
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [undo, setUndo] = useState<Undo>();
  const [paste, setPaste] = useState<PasteSource>();

  // A jump from the problems summary shows this list's problems and lands on the row.
  const [seenFocus, setSeenFocus] = useState(0);
  if (focus && focus.nonce !== seenFocus) {
    setSeenFocus(focus.nonce);
    setOnlyProblems(true);
    setQuery('');
    setPage(0);
  }

  const problemRows = useMemo(() => new Set(issues.keys()), [issues]);
  const view = useMemo(
    () =>
      listView(entries, {
        query,
        sort,
        page,
        pageSize: PAGE_SIZE,
        ...(onlyProblems ? { onlyRows: problemRows } : {}),
      }),
    [entries, query, sort, page, onlyProblems, problemRows],
  );

  const focusRow = (index: number) => focusRowIn(rootId, index);

  useEffect(() => {
    if (focus) focusRowIn(rootId, focus.index);
  }, [focus, rootId]);

  // --- editing
  const startEdit = (row: ListRow) => {
    if (editing?.index === row.index) return;
    if (editing) commit();
    setEditing({ index: row.index, entry: { ...row.entry } });
    setTimeout(() => root()?.querySelector<HTMLElement>('[data-row-autofocus]')?.focus(), 0);
  };
  const commit = () => {
    if (!editing) return;
    const next = [...entries];
    const entry = { ...editing.entry, value: editing.entry.value.trim() };
    if (!entry.note) delete entry.note;
    next[editing.index] = entry;
    onChange(next);
    setEditing(undefined);
    focusRow(editing.index);
  };
  const cancel = () => {
    if (!editing) return;
    setEditing(undefined);
    focusRow(editing.index);
  };
  const editChange = (patch: Partial<ListEntry>) =>
    setEditing((e) => {
      if (!e) return e;
      const entry = { ...e.entry, ...patch };
      for (const k of Object.keys(patch) as (keyof ListEntry)[])
        if (patch[k] === undefined) delete entry[k];
      return { ...e, entry, error: checkEntry(def, entry) };
    });

  // --- deleting, with undo
  const remove = (indices: number[]) => {
    const set = new Set(indices);
    const removed = entries.flatMap((entry, index) => (set.has(index) ? [{ index, entry }] : []));
    if (removed.length === 0) return;
    onChange(entries.filter((_, i) => !set.has(i)));
    setEditing(undefined);
    setSelected(new Set());
    const first = removed[0];
    setUndo({
      text:
        removed.length === 1 && first
          ? `Deleted ${first.entry.value} (line ${first.index + 1}).`
          : `Deleted ${plural(removed.length, 'entry', 'entries')}.`,
      removed,
    });
  };
  const undoDelete = () => {
    if (!undo) return;
    const next = [...entries];
    for (const { index, entry } of undo.removed)
      next.splice(Math.min(index, next.length), 0, entry);
    onChange(next);
    setUndo(undefined);
    setSelected(new Set());
    const first = undo.removed[0];
    if (first) focusRow(first.index);
  };

  // --- selection
  const toggle = (index: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });
  const allSelected = view.matching > 0 && view.all.every((r) => selected.has(r.index));
  const toggleAll = () =>
    setSelected(allSelected ? new Set() : new Set(view.all.map((r) => r.index)));

  // --- file import and export
  const readFile = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) {
      notify({
        kind: 'error',
        title: 'File too large',
        message: `${file.name} has ${(file.size / 1e6).toFixed(1)} MB; import at most 20 MB at once.`,
      });
      return;
    }
    setPaste({ text: await file.text(), fileName: file.name });
  };
  const exportCsv = () =>
    downloadCsv(
      `mxwarden-${def.slug}-${fileStamp()}.csv`,
      csvHeader(def),
      csvRows(
        def,
        view.all.map((r) => r.entry),
      ),
    );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target.tagName !== 'TR') return;
    const cell = target.querySelector<HTMLElement>('[data-row-index]');
    const index = Number(cell?.dataset.rowIndex);
    const row = view.rows.find((r) => r.index === index);
    if (!row) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      remove(selected.has(index) ? [...selected] : [index]);
    } else if (e.key === 'F2') {
      e.preventDefault();
      startEdit(row);
    } else if (e.key === ' ') {
      e.preventDefault();
      toggle(index);
    } else if ((e.ctrlKey || e.metaKey) && e.key === 'z' && undo) {
      e.preventDefault();
      undoDelete();
    }
  };

  const columns = listColumns({
    def,
    sort,
    onSort: (s) => {
      setSort(s);
      setPage(0);
    },
    issues,
    editing,
    onEditChange: editChange,
    keys: { onCommit: commit, onCancel: cancel },
    selected,
    allSelected,
    onToggle: toggle,
    onToggleAll: toggleAll,
    onEdit: startEdit,
    onDelete: (r) => remove([r.index]),
    now,
  });

  return (
    <div className="list-editor" id={rootId} onKeyDown={onKeyDown} data-testid={`list-${def.id}`}>
      <AddEntryForm def={def} entries={entries} onAdd={(entry) => onChange([...entries, entry])} />
      <ListToolbar
        title={def.name}
        query={query}
        onQuery={(q) => {
          setQuery(q);
          setPage(0);
        }}
        matching={view.matching}
        total={entries.length}
        problems={problemRows.size}
        onlyProblems={onlyProblems}
        onOnlyProblems={(on) => {
          setOnlyProblems(on);
          setPage(0);
        }}
        selected={selected.size}
        onDeleteSelected={() => remove([...selected])}
        onPaste={() => setPaste({ text: '' })}
        onFile={(f) => void readFile(f)}
        onExport={exportCsv}
      />
      {undo && (
        <UndoBar text={undo.text} onUndo={undoDelete} onDismiss={() => setUndo(undefined)} />
      )}
      {onlyProblems && problemRows.size === 0 && (
        <p className="callout">
          No problems left in this list.{' '}
          <button type="button" className="link-button" onClick={() => setOnlyProblems(false)}>
            Show every entry
          </button>
        </p>
      )}
      <DataTable
        data={view.rows}
        columns={columns}
        getRowId={(r) => String(r.index)}
        label={def.name.charAt(0).toUpperCase() + def.name.slice(1)}
        empty={
          entries.length === 0
            ? 'No entries yet: add one above, paste lines, or import a file.'
            : 'No entry matches the filter. Press Escape in the filter box to clear it.'
        }
        onActivate={startEdit}
      />
      <p className="list-editor__keys muted">
        On a row: <kbd>Enter</kbd> edit · <kbd>Delete</kbd> remove · <kbd>Space</kbd> select ·{' '}
        <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo a delete
      </p>
      <Pager page={view.page} pageCount={view.pageCount} onPage={setPage} />
      {paste && (
        <BulkPasteDialog
          def={def}
          entries={entries}
          source={paste}
          onAdd={(added) => {
            onChange([...entries, ...added]);
            notify({
              kind: 'success',
              title: `Added ${plural(added.length, 'entry', 'entries')} to the ${def.name}`,
            });
          }}
          onClose={() => setPaste(undefined)}
        />
      )}
    </div>
  );
}
