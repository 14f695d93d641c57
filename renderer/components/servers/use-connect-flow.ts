// Testing or inspecting servers, with the decisions SSH asks of the admin on the way: a host
// key seen for the first time (confirm and pin it, or refuse), an encrypted key (its
// passphrase), a changed or revoked key (refused, shown, never accepted from here). After each
// answer only the servers concerned are tried again.

import { useCallback, useRef, useState } from 'react';
import type {
  ApiError,
  ConnectionTestResult,
  PassphraseEntry,
  ServerInspection,
} from '../../../core/app/api';
import { useApi } from '../../state/api-context';
import {
  opensshText,
  passphraseDetail,
  unknownKeyDetail,
  type UnknownKeyDetail,
} from './error-detail';
import { isHostKeyRefusal } from './server-text';

export interface FlowTarget {
  id: number;
  name: string;
}

export type FlowOperation = 'test' | 'inspect';

export type Prompt =
  | { kind: 'trust'; server: FlowTarget; message: string; key: UnknownKeyDetail }
  | {
      kind: 'passphrase';
      servers: FlowTarget[];
      keyPath: string;
      wrong: boolean;
      message: string;
    };

export type PromptAnswer =
  { kind: 'trust'; accept: boolean } | { kind: 'passphrase'; entry: PassphraseEntry | null };

export interface Refusal {
  server: FlowTarget;
  error: ApiError;
  /** OpenSSH's banner for a changed key, when the API sent it. */
  openssh?: string;
}

export interface FlowResult {
  tested: Map<number, ConnectionTestResult>;
  inspected: Map<number, ServerInspection>;
  /** Servers that still failed at the end (including refused keys and declined prompts). */
  failed: Map<number, { server: FlowTarget; error: ApiError }>;
}

export interface ConnectFlow {
  run: (operation: FlowOperation, servers: FlowTarget[]) => Promise<FlowResult>;
  /** Servers of the operation under way, by id; empty when idle. */
  running: ReadonlyMap<number, FlowOperation>;
  /** The question waiting for the admin; `seq` tells two equal questions apart. */
  prompt: (Prompt & { seq: number }) | null;
  answer: (a: PromptAnswer) => void;
  refusals: Refusal[];
  dismissRefusal: (id: number) => void;
}

/** Trusting a key and trying again cannot loop forever if a server shows a new key each time. */
const MAX_ROUNDS = 6;

export function useConnectFlow(): ConnectFlow {
  const api = useApi();
  // Prompts wait in line: two operations (an Inspect all, a test after adding) may both ask.
  const [prompts, setPrompts] = useState<(Prompt & { seq: number })[]>([]);
  const seq = useRef(0);
  const [running, setRunning] = useState<ReadonlyMap<number, FlowOperation>>(new Map());
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const waiting = useRef<((a: PromptAnswer) => void)[]>([]);

  const ask = useCallback(
    (p: Prompt) =>
      new Promise<PromptAnswer>((resolve) => {
        waiting.current.push(resolve);
        const next = { ...p, seq: ++seq.current };
        setPrompts((list) => [...list, next]);
      }),
    [],
  );

  const answer = useCallback((a: PromptAnswer) => {
    const resolve = waiting.current.shift();
    setPrompts((list) => list.slice(1));
    resolve?.(a);
  }, []);

  const refuse = useCallback((server: FlowTarget, error: ApiError) => {
    const openssh = opensshText(error);
    setRefusals((list) => [
      ...list.filter((r) => r.server.id !== server.id),
      { server, error, ...(openssh ? { openssh } : {}) },
    ]);
  }, []);

  const dismissRefusal = useCallback(
    (id: number) => setRefusals((list) => list.filter((r) => r.server.id !== id)),
    [],
  );

  /** One attempt at the servers: their failures, the successes recorded in `result`. */
  const attempt = useCallback(
    async (
      operation: FlowOperation,
      servers: FlowTarget[],
      passphrases: PassphraseEntry[],
      result: FlowResult,
    ): Promise<{ server: FlowTarget; error: ApiError }[]> => {
      const extra = passphrases.length ? { passphrases } : {};
      const failures: { server: FlowTarget; error: ApiError }[] = [];
      if (operation === 'test') {
        for (const server of servers) {
          const r = await api.call('servers.test', { id: server.id, ...extra });
          if (r.ok) result.tested.set(server.id, r.value);
          else failures.push({ server, error: r.error });
        }
        return failures;
      }
      const r = await api.call('servers.inspect', { ids: servers.map((s) => s.id), ...extra });
      if (!r.ok) return servers.map((server) => ({ server, error: r.error }));
      for (const outcome of r.value) {
        const server = servers.find((s) => s.id === outcome.id) ?? {
          id: outcome.id,
          name: outcome.name,
        };
        if (outcome.ok && outcome.inspection) result.inspected.set(outcome.id, outcome.inspection);
        else
          failures.push({
            server,
            error: outcome.error ?? { code: 'INTERNAL', message: 'The inspection gave no result.' },
          });
      }
      return failures;
    },
    [api],
  );

  /** Asks about each failure that a decision can fix; returns the servers to try again. */
  const resolve = useCallback(
    async (
      failures: { server: FlowTarget; error: ApiError }[],
      passphrases: PassphraseEntry[],
      result: FlowResult,
    ): Promise<FlowTarget[]> => {
      const retry: FlowTarget[] = [];
      const byKey = new Map<string, { servers: FlowTarget[]; wrong: boolean; message: string }>();
      for (const { server, error } of failures) {
        result.failed.set(server.id, { server, error });
        const key = error.code === 'HOST_KEY_UNKNOWN' ? unknownKeyDetail(error) : undefined;
        const locked = error.code === 'PASSPHRASE_REQUIRED' ? passphraseDetail(error) : undefined;
        if (isHostKeyRefusal(error.code)) {
          refuse(server, error);
        } else if (key) {
          const a = await ask({ kind: 'trust', server, message: error.message, key });
          if (a.kind !== 'trust' || !a.accept) continue;
          const pinned = await api.call('servers.trustHostKey', {
            id: server.id,
            fingerprint: key.fingerprint,
          });
          if (pinned.ok) retry.push(server);
          else if (isHostKeyRefusal(pinned.error.code)) refuse(server, pinned.error);
          else result.failed.set(server.id, { server, error: pinned.error });
        } else if (locked) {
          // Servers sharing a key are asked about once.
          const group = byKey.get(locked.keyPath) ?? {
            servers: [],
            wrong: locked.wrong,
            message: error.message,
          };
          group.servers.push(server);
          byKey.set(locked.keyPath, group);
        }
      }
      for (const [keyPath, group] of byKey) {
        const a = await ask({ kind: 'passphrase', keyPath, ...group });
        if (a.kind !== 'passphrase' || !a.entry) continue;
        passphrases.push(a.entry);
        retry.push(...group.servers);
      }
      return retry;
    },
    [api, ask, refuse],
  );

  const run = useCallback(
    async (operation: FlowOperation, servers: FlowTarget[]): Promise<FlowResult> => {
      const result: FlowResult = { tested: new Map(), inspected: new Map(), failed: new Map() };
      setRunning((m) => new Map([...m, ...servers.map((s) => [s.id, operation] as const)]));
      const passphrases: PassphraseEntry[] = [];
      try {
        let todo = servers;
        for (let round = 0; round < MAX_ROUNDS && todo.length > 0; round++) {
          for (const s of todo) result.failed.delete(s.id);
          const failures = await attempt(operation, todo, passphrases, result);
          const succeeded = todo.filter((s) => !failures.some((f) => f.server.id === s.id));
          // A server that connects again after its key was fixed no longer shows the refusal.
          setRefusals((list) => list.filter((r) => !succeeded.some((s) => s.id === r.server.id)));
          todo = await resolve(failures, passphrases, result);
        }
      } finally {
        setRunning((m) => new Map([...m].filter(([id]) => !servers.some((s) => s.id === id))));
      }
      return result;
    },
    [attempt, resolve],
  );

  return { run, running, prompt: prompts[0] ?? null, answer, refusals, dismissRefusal };
}
