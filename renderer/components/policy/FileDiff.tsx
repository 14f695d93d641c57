// One compiled file beside what the server has: a unified line diff with line numbers, unchanged
// stretches folded. A new file is all additions; a very long diff shows its first rows and
// offers the rest.

import { useMemo, useState } from 'react';
import { diffLines, withContext, type DiffRow } from './line-diff';

const FIRST_ROWS = 400;

const MARK = { add: '+', del: '−', same: ' ' } as const;

function Row({ row }: { row: DiffRow }) {
  if (row.op === 'skip')
    return (
      <div className="diff-row diff-row--skip">
        <span className="diff-no" />
        <span className="diff-no" />
        <span className="diff-mark" />
        <span className="diff-text">
          ⋯ {row.count} unchanged {row.count === 1 ? 'line' : 'lines'}
        </span>
      </div>
    );
  return (
    <div className={`diff-row diff-row--${row.op}`}>
      <span className="diff-no">{row.oldNo ?? ''}</span>
      <span className="diff-no">{row.newNo ?? ''}</span>
      <span
        className="diff-mark"
        aria-label={row.op === 'add' ? 'added' : row.op === 'del' ? 'removed' : undefined}
      >
        {MARK[row.op]}
      </span>
      <span className="diff-text">{row.text}</span>
    </div>
  );
}

export function FileDiff({
  path,
  current,
  compiled,
  alone = false,
}: {
  path: string;
  current?: string;
  compiled: string;
  /** Compiled for a profile: no server to compare with, so no "new file". */
  alone?: boolean;
}) {
  const diff = useMemo(() => diffLines(current ?? '', compiled), [current, compiled]);
  const rows = useMemo(() => withContext(diff.lines), [diff]);
  const [all, setAll] = useState(false);
  const changed = diff.added + diff.removed > 0;
  const status = alone
    ? `${diff.added} ${diff.added === 1 ? 'line' : 'lines'}`
    : current === undefined
      ? 'new file'
      : changed
        ? `+${diff.added} −${diff.removed}`
        : 'unchanged';
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <details className="file-diff" open={changed} data-testid="file-diff" data-path={path}>
      <summary>
        <code className="verbatim">{path}</code>{' '}
        <span
          className={`badge ${alone ? '' : current === undefined ? 'badge--new' : changed ? 'badge--changed' : 'badge--off'}`}
        >
          {status}
        </span>
      </summary>
      {changed ? (
        <div className="line-diff" role="table" aria-label={`Changes to ${path}`}>
          {diff.coarse && (
            <p className="muted diff-note">
              Too different to align line by line: shown as removed, then added.
            </p>
          )}
          {shown.map((row, i) => (
            <Row key={i} row={row} />
          ))}
          {!all && rows.length > FIRST_ROWS && (
            <button
              type="button"
              className="button button--small diff-more"
              onClick={() => setAll(true)}
            >
              Show all {rows.length.toLocaleString('en-US')} rows
            </button>
          )}
        </div>
      ) : (
        <p className="muted diff-note">The server already has exactly this file.</p>
      )}
    </details>
  );
}
