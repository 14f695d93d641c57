// What a call handler is given and must provide. Runtime: pure.

import type { z } from 'zod';
import type { ApiEvent, ApiMethod, ApiRequest, ApiResponse, AppApiEvents } from './api';

export interface CallContext {
  /** Recorded in the audit log: 'gui:electron', 'gui:browser', 'cli', 'system'. */
  actor: string;
}

export interface AuditRecord {
  target: string;
  detail: Record<string, unknown>;
  /** Defaults to the method name. */
  action?: string;
}

export interface HandlerTools {
  now(): number;
  /** Mutations call this exactly once, inside their transaction when they have one. */
  audit(record: AuditRecord): void;
  emit<E extends ApiEvent>(event: E, payload: AppApiEvents[E]): void;
}

export interface HandlerDef<M extends ApiMethod> {
  request: z.ZodType<ApiRequest<M>, unknown>;
  run(
    request: ApiRequest<M>,
    ctx: CallContext,
    tools: HandlerTools,
  ): ApiResponse<M> | Promise<ApiResponse<M>>;
}

export type HandlerTable = { [M in ApiMethod]: HandlerDef<M> };
