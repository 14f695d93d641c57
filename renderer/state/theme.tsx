// Light/dark: the setting, or the OS preference live when the setting is 'system'.

import { useEffect, useSyncExternalStore } from 'react';
import { useSettings } from './settings-context';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

function useSystemDark(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const mq = query();
      mq.addEventListener('change', notify);
      return () => mq.removeEventListener('change', notify);
    },
    () => query().matches,
  );
}

export type ResolvedTheme = 'light' | 'dark';

export function useResolvedTheme(): ResolvedTheme {
  const { settings } = useSettings();
  const systemDark = useSystemDark();
  return settings.theme === 'system' ? (systemDark ? 'dark' : 'light') : settings.theme;
}

const CACHE_KEY = 'mxwarden.theme';

/** Applies the theme to <html> and remembers it so the next start paints in the right colours. */
export function ThemeApplier() {
  const theme = useResolvedTheme();
  const { settings } = useSettings();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
    document.documentElement.dataset.density = settings.tableDensity;
    try {
      localStorage.setItem(CACHE_KEY, theme);
    } catch {
      /* storage may be disabled; the flash of the wrong theme is only cosmetic */
    }
  }, [theme, settings.tableDensity]);
  return null;
}

/** Before React renders: the theme of the last session, or the OS preference. */
export function applyCachedTheme(): void {
  let theme: string | null = null;
  try {
    theme = localStorage.getItem(CACHE_KEY);
  } catch {
    /* ignore */
  }
  document.documentElement.dataset.theme =
    theme === 'dark' || theme === 'light' ? theme : query().matches ? 'dark' : 'light';
}
