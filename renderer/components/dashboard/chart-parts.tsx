// What every dashboard chart shares: axes, grid and tooltip in the theme's colours, and time
// ticks in the user's time display at the data's resolution.

import type { Settings } from '../../../core/settings/schema';
import type { ChartTheme } from '../../charts/chart-theme';

export function axisProps(theme: ChartTheme) {
  return { tick: { fill: theme.muted, fontSize: 11 }, stroke: theme.grid } as const;
}

export function tooltipProps(theme: ChartTheme) {
  return {
    cursor: { fill: theme.grid, opacity: 0.4 },
    contentStyle: {
      background: theme.tooltipBg,
      border: `1px solid ${theme.tooltipBorder}`,
      color: theme.text,
    },
    labelStyle: { color: theme.text },
  } as const;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:05" for minutes and hours, "11-23" for days; "11-23 14:00" in tooltips. */
export function timeLabel(
  ms: number,
  bucketMs: number,
  display: Settings['timeDisplay'],
  long = false,
): string {
  const d = new Date(ms);
  const utc = display === 'utc';
  const month = pad((utc ? d.getUTCMonth() : d.getMonth()) + 1);
  const day = pad(utc ? d.getUTCDate() : d.getDate());
  const hm = `${pad(utc ? d.getUTCHours() : d.getHours())}:${pad(utc ? d.getUTCMinutes() : d.getMinutes())}`;
  if (bucketMs >= 86_400_000) return `${month}-${day}`;
  return long ? `${month}-${day} ${hm}${utc ? ' UTC' : ''}` : hm;
}

/** Time cells for CSV exports: ISO 8601 in UTC, whatever the display. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();
