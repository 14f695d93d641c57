// Chart colours taken from the active theme's CSS variables, so recharts follows light/dark.

import { useMemo, useSyncExternalStore } from 'react';

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

/**
 * The theme as applied to <html>, not as chosen: ThemeApplier sets the attribute in an effect,
 * after the charts rendered, so keying on the choice would read the old theme's variables.
 */
function subscribeApplied(notify: () => void): () => void {
  const observer = new MutationObserver(notify);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

const appliedTheme = () => document.documentElement.dataset.theme ?? '';

export function useChartTheme(): ChartTheme {
  const theme = useSyncExternalStore(subscribeApplied, appliedTheme);
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
