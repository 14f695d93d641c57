// In-app notifications (toasts). Errors stay until dismissed; others fade after a few seconds.

import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { ApiError } from '../../core/app/api';

export type NoticeKind = 'info' | 'success' | 'warning' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  title: string;
  message?: string;
}

interface NotificationsApi {
  notices: Notice[];
  notify(notice: Omit<Notice, 'id'>): void;
  notifyError(title: string, error: ApiError): void;
  dismiss(id: number): void;
}

const Ctx = createContext<NotificationsApi | null>(null);

const TIMEOUT_MS = 6000;

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback(
    (id: number) => setNotices((list) => list.filter((n) => n.id !== id)),
    [],
  );

  const notify = useCallback(
    (notice: Omit<Notice, 'id'>) => {
      const id = nextId.current++;
      setNotices((list) => [...list.slice(-4), { ...notice, id }]);
      if (notice.kind !== 'error') setTimeout(() => dismiss(id), TIMEOUT_MS);
    },
    [dismiss],
  );

  const notifyError = useCallback(
    (title: string, error: ApiError) => notify({ kind: 'error', title, message: error.message }),
    [notify],
  );

  const value = useMemo(
    () => ({ notices, notify, notifyError, dismiss }),
    [notices, notify, notifyError, dismiss],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useNotifications(): NotificationsApi {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useNotifications outside NotificationsProvider');
  return ctx;
}
