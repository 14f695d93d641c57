// A line diff of a server's current file against the compiled one (jsdiff aligns the lines; we
// number them and fold unchanged runs to a few lines of context). Files too different to align
// quickly are shown as removed-then-added, and the view says so. Pure.

import { diffArrays } from 'diff';

export type DiffOp = 'same' | 'add' | 'del';

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** 1-based line numbers in the old and new text. */
  oldNo?: number;
  newNo?: number;
}

export type DiffRow = DiffLine | { op: 'skip'; count: number };

export interface LineDiff {
  lines: DiffLine[];
  added: number;
  removed: number;
  /** The middle was too large to align line by line. */
  coarse: boolean;
}

/** Beyond this many edits, or this long, aligning is not worth the wait: removed-then-added. */
const MAX_EDITS = 2_000;
const MAX_MS = 250;

export const splitLines = (text: string): string[] => {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return text === '' ? [] : lines;
};

/** The edit script, line by line (jsdiff's Myers diff), or undefined when it is too long. */
function opsOf(a: string[], b: string[]): DiffOp[] | undefined {
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDITS, timeout: MAX_MS });
  if (!changes) return undefined;
  return changes.flatMap((c) =>
    Array<DiffOp>(c.count ?? c.value.length).fill(c.added ? 'add' : c.removed ? 'del' : 'same'),
  );
}

export function diffLines(oldText: string, newText: string): LineDiff {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const aligned = opsOf(a, b);
  const coarse = aligned === undefined;
  const ops: DiffOp[] = aligned ?? [...a.map((): DiffOp => 'del'), ...b.map((): DiffOp => 'add')];
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  let added = 0;
  let removed = 0;
  for (const op of ops) {
    if (op === 'same') {
      lines.push({ op, text: b[j] ?? '', oldNo: i + 1, newNo: j + 1 });
      i++;
      j++;
    } else if (op === 'del') {
      lines.push({ op, text: a[i] ?? '', oldNo: i + 1 });
      i++;
      removed++;
    } else {
      lines.push({ op, text: b[j] ?? '', newNo: j + 1 });
      j++;
      added++;
    }
  }
  return { lines, added, removed, coarse };
}

/** Unchanged runs longer than 2×context become one "N unchanged lines" row. */
export function withContext(lines: DiffLine[], context = 3): DiffRow[] {
  const keep = new Uint8Array(lines.length);
  lines.forEach((l, i) => {
    if (l.op === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++)
      keep[k] = 1;
  });
  const rows: DiffRow[] = [];
  let skipped = 0;
  lines.forEach((l, i) => {
    if (keep[i]) {
      if (skipped) rows.push({ op: 'skip', count: skipped });
      skipped = 0;
      rows.push(l);
    } else skipped++;
  });
  if (skipped) rows.push({ op: 'skip', count: skipped });
  return rows;
}
