// A line diff of a server's current file against the compiled one: common head and tail are
// trimmed, the middle is an LCS over lines; unchanged runs collapse to a few lines of context.
// A middle too large for a quadratic table is shown as removed-then-added (said so). Pure.

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

const MAX_CELLS = 4_000_000;

export const splitLines = (text: string): string[] => {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return text === '' ? [] : lines;
};

function lcsMiddle(a: string[], b: string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  // table[i][j] = LCS length of a[i..] and b[j..], row-major in one typed array.
  const w = m + 1;
  const table = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i * w + j] =
        a[i] === b[j]
          ? (table[(i + 1) * w + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * w + j] ?? 0, table[i * w + j + 1] ?? 0);
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push('same');
      i++;
      j++;
    } else if ((table[(i + 1) * w + j] ?? 0) >= (table[i * w + j + 1] ?? 0)) {
      ops.push('del');
      i++;
    } else {
      ops.push('add');
      j++;
    }
  }
  while (i++ < n) ops.push('del');
  while (j++ < m) ops.push('add');
  return ops;
}

export function diffLines(oldText: string, newText: string): LineDiff {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const coarse = midA.length * midB.length > MAX_CELLS;
  const middle: DiffOp[] = coarse
    ? [...midA.map((): DiffOp => 'del'), ...midB.map((): DiffOp => 'add')]
    : lcsMiddle(midA, midB);
  const ops: DiffOp[] = [
    ...Array<DiffOp>(head).fill('same'),
    ...middle,
    ...Array<DiffOp>(tail).fill('same'),
  ];
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
