// One push from this window: starts it, follows its progress events (only its own, by a client
// token — another window's push to the same fleet is not ours to show), cancels it, keeps the
// summary when it ends.

import { useRef, useState } from 'react';
import type {
  ApiError,
  PushOutcome,
  PushRequest,
  PushStep,
  PushSummary,
} from '../../../core/app/api';
import { useApi, useEvent } from '../../state/api-context';

export interface StepState {
  status: 'running' | 'ok' | 'failed' | 'skipped';
  message?: string;
  startedAt: number;
  ms?: number;
}

export interface ServerRun {
  serverId: number;
  serverName: string;
  steps: Partial<Record<PushStep, StepState>>;
  current?: PushStep;
  outcome?: PushOutcome;
}

export interface PushRunState {
  phase: 'idle' | 'running' | 'done';
  pushId?: string;
  servers: Map<number, ServerRun>;
  summary?: PushSummary;
  error?: ApiError;
  cancelling: boolean;
}

const newToken = () => `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function usePushRun() {
  const api = useApi();
  const token = useRef('');
  const [state, setState] = useState<PushRunState>({
    phase: 'idle',
    servers: new Map(),
    cancelling: false,
  });

  useEvent('push.progress', (p) => {
    if (!token.current || p.clientToken !== token.current) return;
    setState((s) => {
      const servers = new Map(s.servers);
      const prev = servers.get(p.serverId) ?? {
        serverId: p.serverId,
        serverName: p.serverName,
        steps: {},
      };
      const before = prev.steps[p.step];
      const now = Date.now();
      const step: StepState =
        p.status === 'running'
          ? { status: 'running', startedAt: now, ...(p.message ? { message: p.message } : {}) }
          : {
              status: p.status,
              startedAt: before?.startedAt ?? now,
              ms: before ? now - before.startedAt : 0,
              ...(p.message ? { message: p.message } : {}),
            };
      servers.set(p.serverId, {
        ...prev,
        steps: { ...prev.steps, [p.step]: step },
        current: p.step,
        ...(p.outcome ? { outcome: p.outcome } : {}),
      });
      return { ...s, pushId: p.pushId, servers };
    });
  });

  const start = async (req: PushRequest, names: { serverId: number; serverName: string }[]) => {
    token.current = newToken();
    setState({
      phase: 'running',
      servers: new Map(names.map((n) => [n.serverId, { ...n, steps: {} }])),
      cancelling: false,
    });
    const r = await api.call('push.run', { ...req, clientToken: token.current });
    setState((s) =>
      r.ok
        ? { ...s, phase: 'done', summary: r.value, pushId: r.value.id }
        : { ...s, phase: 'done', error: r.error },
    );
    return r;
  };

  const cancel = async () => {
    if (!state.pushId) return;
    setState((s) => ({ ...s, cancelling: true }));
    await api.call('push.cancel', { pushId: state.pushId });
  };

  return { state, start, cancel };
}
