// The time ranges the dashboard offers, and the window each one means now. The window ends at
// the end of the current minute, so a line logged a moment ago is inside it whatever the
// seconds say.

export const RANGES = [
  { key: '1h', label: 'Last hour', ms: 3_600_000 },
  { key: '6h', label: 'Last 6 hours', ms: 6 * 3_600_000 },
  { key: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000 },
  { key: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { key: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { key: '90d', label: 'Last 90 days', ms: 90 * 86_400_000 },
] as const;

export type RangeKey = (typeof RANGES)[number]['key'];

export const isRangeKey = (s: string | null): s is RangeKey => RANGES.some((r) => r.key === s);

export function windowFor(range: RangeKey, now: number): { from: number; to: number } {
  const to = (Math.floor(now / 60_000) + 1) * 60_000;
  const span = RANGES.find((r) => r.key === range)?.ms ?? 3_600_000;
  return { from: to - span, to };
}
