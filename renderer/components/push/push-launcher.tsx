// Opening the push dialog from anywhere: pages call usePushLauncher().open(...); code outside
// React (or a page that must not depend on this module) dispatches the window event
// "mxwarden:open-push" with the same options as its detail. One dialog at a time.

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { PushDialog, type PushInitial } from './PushDialog';

export const OPEN_PUSH_EVENT = 'mxwarden:open-push';

const LauncherContext = createContext<(initial?: PushInitial) => void>(() => {});

export const usePushLauncher = () => useContext(LauncherContext);

export function PushLauncher({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<{ initial: PushInitial; key: number }>();
  const launch = (initial: PushInitial = {}) => setOpen({ initial, key: Date.now() });

  useEffect(() => {
    const on = (e: Event) => launch((e as CustomEvent<PushInitial | undefined>).detail ?? {});
    window.addEventListener(OPEN_PUSH_EVENT, on);
    return () => window.removeEventListener(OPEN_PUSH_EVENT, on);
  }, []);

  return (
    <LauncherContext.Provider value={launch}>
      {children}
      {open && (
        <PushDialog key={open.key} initial={open.initial} onClose={() => setOpen(undefined)} />
      )}
    </LauncherContext.Provider>
  );
}
