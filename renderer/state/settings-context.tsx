// The user's settings, loaded once, kept live (another window or the CLI may change them),
// and updated optimistically with the server's answer as the truth.

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { DEFAULT_SETTINGS, type Settings } from '../../core/settings/schema';
import { useApi, useEvent } from './api-context';
import { useNotifications } from './notifications';

interface SettingsApi {
  settings: Settings;
  loaded: boolean;
  update(patch: Partial<Settings>): Promise<boolean>;
}

const Ctx = createContext<SettingsApi | null>(null);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { notifyError } = useNotifications();
  const [settings, setSettings] = useState<Settings>({ ...DEFAULT_SETTINGS });
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    void api.call('settings.get').then((r) => {
      if (r.ok) setSettings(r.value);
      else notifyError('Could not load settings', r.error);
      setLoaded(true);
    });
  }, [api, notifyError]);

  useEvent('settings.changed', setSettings);

  const update = useCallback(
    async (patch: Partial<Settings>) => {
      const before = settings;
      setSettings({ ...settings, ...patch });
      const r = await api.call('settings.set', patch);
      if (r.ok) {
        setSettings(r.value);
        return true;
      }
      setSettings(before);
      notifyError('Setting not saved', r.error);
      return false;
    },
    [api, settings, notifyError],
  );

  const value = useMemo(() => ({ settings, loaded, update }), [settings, loaded, update]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSettings(): SettingsApi {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useSettings outside SettingsProvider');
  return ctx;
}
