// The list's search box ("/" focuses it) and tag chips that narrow the list.

import { Icon } from '../Icon';

export interface ServerFiltersProps {
  search: string;
  onSearch: (text: string) => void;
  tags: readonly string[];
  selected: readonly string[];
  onToggleTag: (tag: string) => void;
  shown: number;
  total: number;
}

export function ServerFilters(p: ServerFiltersProps) {
  return (
    <div className="server-filters">
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">Filter servers by name, host or tag</span>
          <Icon name="check" size={16} />
          <input
            type="search"
            placeholder="Filter by name, host or tag  (/)"
            value={p.search}
            data-search
            onChange={(e) => p.onSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && p.search) {
                e.preventDefault();
                p.onSearch('');
              }
            }}
          />
        </label>
        <span className="toolbar__count" data-testid="servers-count" aria-live="polite">
          {p.shown === p.total ? '' : `${p.shown} of `}
          {p.total} {p.total === 1 ? 'server' : 'servers'}
        </span>
      </div>
      {p.tags.length > 0 && (
        <div className="tag-filter" role="group" aria-label="Show only servers tagged">
          <span className="tag-filter__label">Tags:</span>
          {p.tags.map((tag) => {
            const on = p.selected.includes(tag);
            return (
              <button
                key={tag}
                type="button"
                className={`tag-chip tag-chip--button ${on ? 'is-on' : ''}`}
                aria-pressed={on}
                onClick={() => p.onToggleTag(tag)}
              >
                {tag}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
