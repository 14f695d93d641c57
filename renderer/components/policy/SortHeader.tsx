// A column header that sorts the whole list (not just the page shown), so the list table does
// its own sorting and the DataTable only renders the page.

import type { SortColumn, SortState } from './list-view';

export function SortHeader({
  label,
  column,
  sort,
  onSort,
}: {
  label: string;
  column: SortColumn;
  sort: SortState;
  onSort: (sort: SortState) => void;
}) {
  const on = sort.column === column;
  const state = on ? (sort.desc ? 'descending' : 'ascending') : 'not sorted';
  return (
    <button
      type="button"
      className="th-button"
      aria-label={`${label}, ${state}; sort`}
      onClick={() => onSort({ column, desc: on ? !sort.desc : false })}
    >
      {label}
      <span className="sort-mark" aria-hidden="true">
        {on ? (sort.desc ? '▼' : '▲') : ''}
      </span>
    </button>
  );
}
