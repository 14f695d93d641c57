// The queue as a table (TanStack Table for the rows, our markup and keyboard model): one row is
// active (arrows or j/k move it; it drives the detail beside), any rows can be selected (Space or
// x toggles, a selects all or none) for bulk actions. Tab reaches the table once.

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { forwardRef, useMemo, useImperativeHandle, useRef, type KeyboardEvent } from 'react';
import type { ReviewItem } from '../../../core/app/api';
import { formatCount, formatTime } from '../../lib/format';
import { useSettings } from '../../state/settings-context';
import { evidenceBadges, kindWords } from './review-text';

export interface ReviewTableHandle {
  focusActive(): void;
}

interface Props {
  items: ReviewItem[];
  active: number;
  onActive: (index: number) => void;
  selected: ReadonlySet<string>;
  onSelected: (keys: Set<string>) => void;
}

export const ReviewTable = forwardRef<ReviewTableHandle, Props>(function ReviewTable(
  { items, active, onActive, selected, onSelected },
  ref,
) {
  const { settings } = useSettings();
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const toggle = (key: string) => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    onSelected(next);
  };

  const columns = useMemo<ColumnDef<ReviewItem, unknown>[]>(
    () => [
      {
        id: 'select',
        header: () => <span className="visually-hidden">Selected</span>,
        cell: (c) => (
          <input
            type="checkbox"
            tabIndex={-1}
            aria-label={`Select ${c.row.original.label}`}
            checked={selected.has(c.row.original.key)}
            onChange={() => toggle(c.row.original.key)}
          />
        ),
      },
      {
        id: 'sender',
        header: 'Sender',
        cell: (c) => (
          <span className="stack">
            <span className="server-name">{c.row.original.label}</span>
            <span className="muted">
              {kindWords(c.row.original)}
              {c.row.original.clients[0]
                ? ` · ${c.row.original.clients[0].name ?? c.row.original.clients[0].address}`
                : ''}
            </span>
          </span>
        ),
      },
      {
        id: 'evidence',
        header: 'Evidence',
        cell: (c) => {
          const it = c.row.original;
          const badges = evidenceBadges(it);
          return (
            <span className="badges">
              {it.likely && <span className="badge badge--warn">likely wanted</span>}
              {badges.map((b) => (
                <span key={b.text} className="badge" title={b.title}>
                  {b.text}
                </span>
              ))}
              {it.pending > 0 && <span className="muted">gathering…</span>}
              {!badges.length && !it.pending && <span className="muted">none</span>}
            </span>
          );
        },
      },
      { id: 'count', header: 'Refused', cell: (c) => formatCount(c.row.original.count) },
      {
        id: 'rules',
        header: 'Rules',
        cell: (c) => c.row.original.rules.map((r) => `${r.label} (${r.count})`).join(', '),
      },
      {
        id: 'servers',
        header: 'Servers',
        cell: (c) => c.row.original.servers.map((s) => s.name).join(', '),
      },
      {
        id: 'last',
        header: 'Last seen',
        cell: (c) => formatTime(c.row.original.lastSeen, settings.timeDisplay),
      },
      {
        id: 'decision',
        header: 'Decision',
        cell: (c) =>
          c.row.original.decision ? (
            <span
              className={`badge ${c.row.original.decision.kind === 'whitelist' ? 'badge--on' : 'badge--off'}`}
            >
              {c.row.original.decision.kind === 'whitelist' ? 'whitelisted' : 'spam'}
            </span>
          ) : (
            <span className="muted">open</span>
          ),
      },
    ],
    // toggle closes over `selected`; the columns must follow it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [selected, settings.timeDisplay],
  );

  const table = useReactTable({
    data: items,
    columns,
    getRowId: (r) => r.key,
    getCoreRowModel: getCoreRowModel(),
  });
  const rows = table.getRowModel().rows;

  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, index));
    onActive(i);
    bodyRef.current?.querySelectorAll<HTMLTableRowElement>('tr')[i]?.focus();
  };
  useImperativeHandle(ref, () => ({ focusActive: () => focusRow(active) }));

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      j: active + 1,
      ArrowUp: active - 1,
      k: active - 1,
      Home: 0,
      End: rows.length - 1,
      PageDown: active + 10,
      PageUp: active - 10,
    };
    const to = moves[e.key];
    if (to !== undefined) {
      e.preventDefault();
      focusRow(to);
      return;
    }
    const row = rows[active];
    if ((e.key === ' ' || e.key === 'x') && row) {
      e.preventDefault();
      toggle(row.original.key);
    } else if (e.key === 'a') {
      e.preventDefault();
      onSelected(selected.size === items.length ? new Set() : new Set(items.map((i) => i.key)));
    }
  };

  return (
    <div className="table-wrap">
      <table
        className="data-table review-table"
        aria-label="Refused senders, likeliest wanted first"
        aria-rowcount={rows.length}
        aria-multiselectable="true"
      >
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => (
                <th key={h.id} scope="col">
                  {flexRender(h.column.columnDef.header, h.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody ref={bodyRef} onKeyDown={onKeyDown}>
          {rows.map((row, i) => (
            <tr
              key={row.id}
              tabIndex={i === active ? 0 : -1}
              aria-selected={selected.has(row.original.key)}
              aria-current={i === active ? 'true' : undefined}
              className={i === active ? 'review-row--active' : undefined}
              data-testid="review-row"
              data-key={row.original.key}
              onClick={() => focusRow(i)}
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
