// Runs Check IP and streams its answers into state: subscribe to check.progress first (so no
// answer can arrive unheard), ask for the policy's lists (the rows to fill in), then call
// check.run; its report replaces everything streamed. A newer run makes an older one's late
// events and result irrelevant: every update is keyed by runId.

import { useCallback, useState } from 'react';
import type { ApiResponse, Result } from '../../../core/app/api';
import { useApi } from '../../state/api-context';
import { applyProgress, startRun, type CheckInput, type CheckRun } from './check-run';

export function useCheckRun() {
  const api = useApi();
  const [run, setRun] = useState<CheckRun>();

  const start = useCallback(
    async (input: CheckInput): Promise<Result<ApiResponse<'check.run'>>> => {
      const runId = crypto.randomUUID();
      setRun(startRun(runId, input));
      const update = (f: (r: CheckRun) => CheckRun) =>
        setRun((r) => (r?.runId === runId ? f(r) : r));
      const unsubscribe = api.subscribe('check.progress', (p) =>
        update((r) => applyProgress(r, p)),
      );
      void api.call('policy.current').then((res) => {
        if (res.ok)
          update((r) => ({
            ...r,
            expected: res.value.policy.dnsbl.lists.filter((l) => l.enabled),
          }));
      });
      try {
        const res = await api.call('check.run', { runId, ...input });
        update((r) => (res.ok ? { ...r, report: res.value } : { ...r, error: res.error }));
        return res;
      } finally {
        unsubscribe();
      }
    },
    [api],
  );

  return { run, start };
}
