// Warns before leaving the Policy page with unsaved changes. HashRouter has no navigation
// blocker, so links and the Alt+digit shortcuts are caught before the router sees them (capture
// phase) and handed to the page, which asks. Closing or reloading the browser tab asks through
// the browser's own beforeunload prompt — in browser mode only: Electron would silently refuse
// to close the window instead of asking.

import { useEffect, useEffectEvent } from 'react';
import { NAV_ITEMS } from '../../../core/app/navigation';

const isPolicy = (path: string) => path === '/policy' || path.startsWith('/policy?');

export function useLeaveGuard(
  active: boolean,
  browserMode: boolean,
  onLeave: (path: string) => void,
): void {
  const leave = useEffectEvent(onLeave);

  useEffect(() => {
    if (!active) return;
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey)
        return;
      const link = (e.target as Element | null)?.closest?.('a[href^="#/"]');
      const path = link?.getAttribute('href')?.slice(1);
      if (!path || isPolicy(path)) return;
      e.preventDefault();
      e.stopPropagation();
      leave(path);
    };
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const item = NAV_ITEMS.find((n) => n.shortcut === e.key || `Digit${n.shortcut}` === e.code);
      if (!item || isPolicy(item.path)) return;
      e.preventDefault();
      e.stopPropagation();
      leave(item.path);
    };
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    document.addEventListener('click', onClick, true);
    window.addEventListener('keydown', onKey, true);
    if (browserMode) window.addEventListener('beforeunload', onUnload);
    return () => {
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [active, browserMode]);
}
