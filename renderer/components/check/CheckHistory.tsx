// The last checks of this session: one click (or Enter) runs one again with the same HELO,
// sender, recipient and server.

import { describeInput } from './check-run';
import { VERDICT_WORD } from './check-words';
import type { HistoryItem } from './use-check-history';

export function CheckHistory({
  items,
  onRun,
}: {
  items: readonly HistoryItem[];
  onRun: (item: HistoryItem) => void;
}) {
  if (items.length === 0) return null;
  return (
    <nav className="check-history" aria-label="Recent checks">
      <h2 className="check-history__title">Recent</h2>
      <ul>
        {items.map((item) => (
          <li key={`${item.at}:${describeInput(item.input)}`}>
            <button
              type="button"
              className="check-history__item"
              onClick={() => onRun(item)}
              title={`Run again: ${describeInput(item.input)}${item.profile ? ` (as ${item.profile})` : ''}`}
            >
              <span className="check-history__target">{describeInput(item.input)}</span>
              <span className={`verdict-chip verdict-chip--${item.action ?? 'error'}`}>
                {item.action ? VERDICT_WORD[item.action] : 'Error'}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
