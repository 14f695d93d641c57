// The dashboard's time range and server set. Kept in the address (?range=…&source=…), so a view
// can be bookmarked and survives a reload.

import type { LogSourceInfo } from '../../../core/app/api';
import { RANGES, type RangeKey } from './dashboard-window';

export function DashboardControls({
  range,
  onRange,
  sources,
  selected,
  onSelected,
}: {
  range: RangeKey;
  onRange: (r: RangeKey) => void;
  sources: LogSourceInfo[];
  /** Empty: all sources. */
  selected: number[];
  onSelected: (ids: number[]) => void;
}) {
  const toggle = (id: number) => {
    const set = new Set(selected.length ? selected : sources.map((s) => s.id));
    if (set.has(id)) set.delete(id);
    else set.add(id);
    // Every source ticked is the same as "all": new servers then join the view by themselves.
    onSelected(set.size === sources.length ? [] : [...set].sort((a, b) => a - b));
  };
  return (
    <div className="dashboard-controls">
      <label>
        Range{' '}
        <select value={range} onChange={(e) => onRange(e.target.value as RangeKey)}>
          {RANGES.map((r) => (
            <option key={r.key} value={r.key}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="dashboard-controls__servers">
        <legend>Servers</legend>
        {sources.map((s) => (
          <label key={s.id} className="checkbox">
            <input
              type="checkbox"
              checked={selected.length === 0 || selected.includes(s.id)}
              onChange={() => toggle(s.id)}
            />
            {s.name}
            {s.serverId === null ? ' (import)' : ''}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
