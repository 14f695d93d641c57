// The dashboard's data, live: loaded again whenever new statistics are written (the stats.changed
// event, sent within a fraction of a second of a line being read), and every 30 s so the window
// slides with the clock. One request at a time; changes arriving meanwhile cause one more.

import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { ApiError, DashboardData } from '../../../core/app/api';
import { useApi } from '../../state/api-context';
import { windowFor, type RangeKey } from './dashboard-window';

export interface LiveDashboard {
  data: DashboardData | undefined;
  error: ApiError | undefined;
  /** The data shown is for another range or server set than the one chosen (loading). */
  stale: boolean;
}

const SLIDE_MS = 30_000;

export function useLiveDashboard(range: RangeKey, sourceIds: readonly number[]): LiveDashboard {
  const api = useApi();
  const key = `${range}|${sourceIds.join(',')}`;
  const [state, setState] = useState<{ key?: string; data?: DashboardData; error?: ApiError }>({});
  const running = useRef(false);
  const again = useRef(false);

  const load = useEffectEvent(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        const { from, to } = windowFor(range, Date.now());
        const r = await api.call('stats.dashboard', { from, to, sourceIds: [...sourceIds] });
        setState((s) => (r.ok ? { key, data: r.value } : { ...s, error: r.error }));
      } while (again.current);
    } finally {
      running.current = false;
    }
  });

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), SLIDE_MS);
    return () => clearInterval(timer);
  }, [key]);

  useEffect(() => api.subscribe('stats.changed', () => void load()), [api]);

  return { data: state.data, error: state.error, stale: state.key !== key };
}
