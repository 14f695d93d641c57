// The list's filter box ("/" focuses it) and its bulk actions: paste, import a file, export
// CSV, delete the selected entries, show only the entries with problems.

import { useRef } from 'react';
import { Icon } from '../Icon';
import { plural } from './policy-words';

export interface ListToolbarProps {
  title: string;
  query: string;
  onQuery: (q: string) => void;
  matching: number;
  total: number;
  problems: number;
  onlyProblems: boolean;
  onOnlyProblems: (on: boolean) => void;
  selected: number;
  onDeleteSelected: () => void;
  onPaste: () => void;
  onFile: (file: File) => void;
  onExport: () => void;
}

export function ListToolbar(p: ListToolbarProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="list-toolbar">
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">Filter the {p.title}</span>
          <Icon name="check" size={16} />
          <input
            type="search"
            placeholder="Filter by value, note, source…  (/)"
            value={p.query}
            data-search
            onChange={(e) => p.onQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && p.query) {
                e.preventDefault();
                p.onQuery('');
              }
            }}
          />
        </label>
        <span className="toolbar__count" data-testid="list-count" aria-live="polite">
          {p.matching === p.total ? '' : `${p.matching.toLocaleString('en-US')} of `}
          {plural(p.total, 'entry', 'entries')}
        </span>
        {(p.problems > 0 || p.onlyProblems) && (
          <label className="checkbox problems-toggle">
            <input
              type="checkbox"
              checked={p.onlyProblems}
              onChange={(e) => p.onOnlyProblems(e.target.checked)}
            />
            <span>Only problems ({p.problems})</span>
          </label>
        )}
      </div>
      <div className="button-row list-toolbar__actions">
        <button type="button" className="button" onClick={p.onPaste}>
          Paste lines…
        </button>
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          Import file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".txt,.csv,.list,text/plain,text/csv"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="list-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) p.onFile(file);
          }}
        />
        <button type="button" className="button" onClick={p.onExport} disabled={p.matching === 0}>
          <Icon name="download" size={14} /> Export CSV
          {p.matching !== p.total && ` (${p.matching.toLocaleString('en-US')} shown)`}
        </button>
        {p.selected > 0 && (
          <button
            type="button"
            className="button button--danger-outline"
            onClick={p.onDeleteSelected}
          >
            Delete {plural(p.selected, 'selected entry', 'selected entries')}
          </button>
        )}
      </div>
    </div>
  );
}
