// Chart colours taken from the active theme's CSS variables, so recharts follows light/dark.

import { useMemo } from 'react';
import { useResolvedTheme } from '../state/theme';

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  tooltipBg: string;
  tooltipBorder: string;
  /** Categorical series colours, colour-blind-safe order. */
  series: string[];
  accepted: string;
  rejected: string;
  deferred: string;
}

const read = (name: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim();

export function useChartTheme(): ChartTheme {
  const theme = useResolvedTheme();
  return useMemo(() => {
    void theme; // recompute when the theme flips: the variables changed underneath
    return {
      text: read('--text'),
      muted: read('--text-muted'),
      grid: read('--border'),
      surface: read('--surface'),
      tooltipBg: read('--surface-raised'),
      tooltipBorder: read('--border-strong'),
      series: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => read(`--series-${i}`)),
      accepted: read('--ok'),
      rejected: read('--danger'),
      deferred: read('--warn'),
    };
  }, [theme]);
}
