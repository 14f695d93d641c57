// React access to the API client, plus hooks for calls, events and the connection state.

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useEffectEvent,
  useState,
  useSyncExternalStore,
} from 'react';
import type {
  ApiError,
  ApiEvent,
  ApiMethod,
  ApiResponse,
  AppApiEvents,
  CallArgs,
} from '../../core/app/api';
import type { ApiClient, ConnectionInfo } from '../api/client';

const ClientContext = createContext<ApiClient | null>(null);

export const ApiProvider = ClientContext.Provider;

export function useClient(): ApiClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ApiProvider');
  return client;
}

export const useApi = () => useClient().api;

const ELECTRON_CONNECTION: ConnectionInfo = { state: 'connected', failures: 0 };

export function useConnection(): ConnectionInfo {
  const { bridge } = useClient();
  return useSyncExternalStore(
    (notify) => bridge?.onConnection(notify) ?? (() => {}),
    () => bridge?.connection() ?? ELECTRON_CONNECTION,
  );
}

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls a query method when mounted and whenever its request (or `refresh`) changes; keeps the
 * last data while reloading. Requests are JSON on the wire anyway, so they are compared as JSON.
 */
export function useQuery<M extends ApiMethod>(
  method: M,
  args: CallArgs<M>,
  refresh: number = 0,
): QueryState<ApiResponse<M>> {
  const api = useApi();
  const [tick, setTick] = useState(0);
  const key = `${method}|${JSON.stringify(args)}|${refresh}|${tick}`;
  const argsJson = JSON.stringify(args);
  const [state, setState] = useState<{ key?: string; data?: ApiResponse<M>; error?: ApiError }>({});

  useEffect(() => {
    let live = true;
    const request = JSON.parse(argsJson ?? '[]') as CallArgs<M>;
    void api.call(method, ...request).then((result) => {
      if (!live) return;
      setState((s) =>
        result.ok ? { key, data: result.value } : { key, data: s.data, error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [api, method, argsJson, key]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.key !== key, reload };
}

/** Subscribes for the component's lifetime; the latest handler is always the one called. */
export function useEvent<E extends ApiEvent>(
  event: E,
  handler: (payload: AppApiEvents[E]) => void,
): void {
  const api = useApi();
  const onEvent = useEffectEvent(handler);
  useEffect(() => api.subscribe(event, (payload) => onEvent(payload)), [api, event]);
}
