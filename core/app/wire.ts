// The browser-mode wire protocol: AppApi calls and events as JSON over one WebSocket.
// Runtime: pure (the renderer's bridge and the Node host both use it).

import { z } from 'zod';
import type { ApiEvent, AppApiEvents, Result } from './api';

export const WS_PATH = '/api';

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().max(100),
    request: z.unknown().optional(),
  }),
  z.object({ type: z.literal('subscribe'), event: z.string().max(100) }),
  z.object({ type: z.literal('unsubscribe'), event: z.string().max(100) }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  | { type: 'hello'; version: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { [E in ApiEvent]: { type: 'event'; event: E; payload: AppApiEvents[E] } }[ApiEvent];
