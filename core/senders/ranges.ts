// Address ranges of a provider: merged per family (adjacent and nested networks become one,
// cidr-tools), and the exact difference between two expansions as address space (a /24 that
// grows to a /23 adds the other /24, nothing is removed). Runtime: pure (cidr-tools).

import { excludeCidr, mergeCidr, parseCidr } from 'cidr-tools';
import type { RangeDiff, RangeSet } from './types';

export type { RangeDiff, RangeSet } from './types';

export const EMPTY_RANGES: RangeSet = Object.freeze({ v4: [], v6: [] }) as RangeSet;

/** Always with a prefix ("192.0.2.1/32"), so equal networks compare equal as text. */
function withPrefix(cidr: string): string {
  const p = parseCidr(cidr);
  return `${p.ip}/${p.prefix}`;
}

function byStart(a: string, b: string): number {
  const x = parseCidr(a).start;
  const y = parseCidr(b).start;
  return x < y ? -1 : x > y ? 1 : 0;
}

function mergeFamily(cidrs: readonly string[]): string[] {
  if (cidrs.length === 0) return [];
  return mergeCidr([...cidrs])
    .map(withPrefix)
    .sort(byStart);
}

/** Splits networks by family and merges each (the input is validated CIDR text). */
export function mergeRanges(cidrs: readonly string[]): RangeSet {
  const v4: string[] = [];
  const v6: string[] = [];
  for (const c of cidrs) (c.includes(':') ? v6 : v4).push(c);
  return { v4: mergeFamily(v4), v6: mergeFamily(v6) };
}

function subtract(base: readonly string[], minus: readonly string[]): string[] {
  if (base.length === 0) return [];
  if (minus.length === 0) return [...base];
  return mergeFamily(excludeCidr([...base], [...minus]));
}

/** Address space in `after` but not `before` (added) and the reverse (removed). */
export function diffRanges(before: RangeSet, after: RangeSet): RangeDiff {
  return {
    added: { v4: subtract(after.v4, before.v4), v6: subtract(after.v6, before.v6) },
    removed: { v4: subtract(before.v4, after.v4), v6: subtract(before.v6, after.v6) },
  };
}

export function isEmptyDiff(d: RangeDiff): boolean {
  return d.added.v4.length + d.added.v6.length + d.removed.v4.length + d.removed.v6.length === 0;
}

/** Number of addresses covered (IPv6 counts overflow Number: a bigint). */
export function addressCount(cidrs: readonly string[]): bigint {
  let n = 0n;
  for (const c of cidrs) {
    const p = parseCidr(c);
    n += p.end - p.start + 1n;
  }
  return n;
}
