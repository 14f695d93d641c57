// AppApi over the browser-mode WebSocket: calls matched to replies by id, subscriptions
// restored after a reconnect, and a connection state the header shows.

import type { ApiEvent, ApiMethod, AppApi, AppApiEvents, Result } from '../../core/app/api';
import { fail } from '../../core/app/result';
import { WS_PATH, type ClientMessage, type ServerMessage } from '../../core/app/wire';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface ConnectionInfo {
  state: ConnectionState;
  /** Consecutive failed attempts since the last good connection. */
  failures: number;
}

type Listener = (payload: unknown) => void;

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];
/** After this many failures in a row the server is probably gone (or restarted with a new token). */
const OFFLINE_AFTER = 6;

export class WsBridge implements AppApi {
  private ws: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Map<ApiEvent, Set<Listener>>();
  private readonly stateListeners = new Set<(info: ConnectionInfo) => void>();
  private info: ConnectionInfo = { state: 'connecting', failures: 0 };
  private waiters: (() => void)[] = [];
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly url: string = WsBridge.defaultUrl()) {
    this.open();
  }

  static defaultUrl(): string {
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`;
  }

  connection(): ConnectionInfo {
    return this.info;
  }

  onConnection(listener: (info: ConnectionInfo) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Try now instead of waiting for the next backoff step (the "Reconnect" button). */
  reconnect(): void {
    if (this.info.state === 'connected') return;
    clearTimeout(this.retryTimer);
    this.open();
  }

  call: AppApi['call'] = async (method, ...args) => {
    if (this.info.state !== 'connected') await this.waitForConnection(5000);
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      return fail(
        'DISCONNECTED',
        'Not connected to the mxwarden server. Is `mxwarden serve` still running?',
      );
    }
    const id = this.nextId++;
    const message: ClientMessage = {
      type: 'call',
      id,
      method: method as ApiMethod,
      request: args[0],
    };
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: Result<unknown>) => void);
      ws.send(JSON.stringify(message));
    });
  };

  subscribe: AppApi['subscribe'] = (event, listener) => {
    let set = this.listeners.get(event);
    if (!set) {
      this.listeners.set(event, (set = new Set()));
      this.sendIfOpen({ type: 'subscribe', event });
    }
    set.add(listener as Listener);
    return () => {
      set.delete(listener as Listener);
      if (set.size === 0) {
        this.listeners.delete(event);
        this.sendIfOpen({ type: 'unsubscribe', event });
      }
    };
  };

  private open(): void {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.setState({ state: 'connected', failures: 0 });
      for (const event of this.listeners.keys()) this.sendIfOpen({ type: 'subscribe', event });
      for (const wake of this.waiters.splice(0)) wake();
    };
    ws.onmessage = (e: MessageEvent<string>) => this.receive(e.data);
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      for (const resolve of this.pending.values()) {
        resolve(
          fail('DISCONNECTED', 'The connection to the mxwarden server dropped before it answered.'),
        );
      }
      this.pending.clear();
      const failures = this.info.state === 'connected' ? 0 : this.info.failures + 1;
      this.setState({ state: failures >= OFFLINE_AFTER ? 'offline' : 'reconnecting', failures });
      const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)] ?? 8000;
      this.retryTimer = setTimeout(() => this.open(), delay);
    };
  }

  private receive(data: string): void {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if (msg.type === 'result') {
      this.pending.get(msg.id)?.(msg.result);
      this.pending.delete(msg.id);
    } else if (msg.type === 'event') {
      for (const listener of this.listeners.get(msg.event) ?? [])
        listener(msg.payload as AppApiEvents[ApiEvent]);
    }
  }

  private sendIfOpen(message: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  private setState(info: ConnectionInfo): void {
    this.info = info;
    for (const listener of this.stateListeners) listener(info);
  }

  private waitForConnection(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
