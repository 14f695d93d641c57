// The diff the preview and the push dialog show: counts, line numbers on both sides, folding of
// unchanged runs, and the coarse fallback for files too different to align.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, withContext } from '../../../renderer/components/policy/line-diff';

describe('diffLines', () => {
  it('numbers kept, removed and added lines on their own side', () => {
    const d = diffLines('a\nb\nc\n', 'a\nc\nd\n');
    expect([d.added, d.removed, d.coarse]).toEqual([1, 1, false]);
    expect(d.lines).toEqual([
      { op: 'same', text: 'a', oldNo: 1, newNo: 1 },
      { op: 'del', text: 'b', oldNo: 2 },
      { op: 'same', text: 'c', oldNo: 3, newNo: 2 },
      { op: 'add', text: 'd', newNo: 3 },
    ]);
  });

  it('a new file is all additions; identical files have none', () => {
    expect(diffLines('', 'x\ny\n')).toMatchObject({ added: 2, removed: 0 });
    expect(diffLines('x\ny\n', 'x\ny\n')).toMatchObject({ added: 0, removed: 0 });
  });

  it('replays to both texts, whatever they are', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', '10.0.0.0/8 OK', ''), { maxLength: 30 });
    fc.assert(
      fc.property(text, text, (x, y) => {
        const a = x.join('\n');
        const b = y.join('\n');
        const d = diffLines(a, b);
        const old = d.lines.filter((l) => l.op !== 'add').map((l) => l.text);
        const neu = d.lines.filter((l) => l.op !== 'del').map((l) => l.text);
        expect(old.join('\n')).toBe(a === '' ? '' : a.replace(/\n$/, ''));
        expect(neu.join('\n')).toBe(b === '' ? '' : b.replace(/\n$/, ''));
      }),
    );
  });

  it('files too different to align are removed-then-added, and say so', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `old ${i}`).join('\n');
    const b = Array.from({ length: 5000 }, (_, i) => `new ${i}`).join('\n');
    const d = diffLines(a, b);
    expect([d.coarse, d.removed, d.added]).toEqual([true, 5000, 5000]);
  });
});

describe('withContext', () => {
  it('folds unchanged runs beyond three lines either side of a change', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const b = a.replace('l10', 'L10');
    const rows = withContext(diffLines(a, b).lines);
    expect(rows[0]).toEqual({ op: 'skip', count: 7 });
    expect(rows.at(-1)).toEqual({ op: 'skip', count: 6 });
    expect(rows.filter((r) => r.op !== 'skip')).toHaveLength(8);
  });
});
