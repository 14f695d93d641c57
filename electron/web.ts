// Browser mode: the same AppApi as the Electron shell, served over HTTP + WebSocket on
// 127.0.0.1 to a page holding the session token. Runtime: Node.

import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiEvent } from '../core/app/api';
import type { AppService } from '../core/app/host';
import { isApiEvent } from '../core/app/methods';
import { clientMessageSchema, WS_PATH, type ServerMessage } from '../core/app/wire';
import { SECURITY_HEADERS } from './csp';
import { readStaticFile } from './static-files';
import {
  foreignRequest,
  newSessionToken,
  presentedToken,
  sessionCookie,
  tokensEqual,
} from './web-guard';

export interface WebHostOptions {
  service: AppService;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  log?: (line: string) => void;
}

export interface WebHostStats {
  connections: number;
  calls: number;
  /** Replies computed after their client had gone: proves a mid-call disconnect was survived. */
  droppedReplies: number;
  forbidden: number;
}

export interface WebHost {
  readonly port: number;
  readonly token: string;
  /** The address to open, token included: http://127.0.0.1:N/?token=… */
  readonly url: string;
  stats(): WebHostStats;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { service, rendererDir } = options;
  const token = options.token ?? newSessionToken();
  const log = options.log ?? (() => {});
  const stats: WebHostStats = { connections: 0, calls: 0, droppedReplies: 0, forbidden: 0 };
  let port = 0;

  const forbid = (res: http.ServerResponse, reason: string): void => {
    stats.forbidden++;
    log(`403 ${reason}`);
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    res.end(
      'Forbidden. Open the address printed by `mxwarden serve`; it carries the session token.\n',
    );
  };

  const server = http.createServer((req, res) => {
    const foreign = foreignRequest(req.headers, port);
    if (foreign) return forbid(res, foreign);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return forbid(res, `method ${req.method}`);

    const queryToken = url.searchParams.get('token');
    if (queryToken !== null) {
      if (url.pathname !== '/' || !tokensEqual(queryToken, token))
        return forbid(res, 'wrong token in URL');
      // Trade the URL token for a cookie and drop it from the address bar and history.
      res.writeHead(303, {
        Location: '/',
        'Set-Cookie': sessionCookie(port, token),
        ...SECURITY_HEADERS,
      });
      return res.end();
    }
    if (!tokensEqual(presentedToken(req.headers, port), token))
      return forbid(res, 'no session token');

    const file = readStaticFile(rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      return res.end('Not found\n');
    }
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Cache-Control': file.immutable ? 'private, max-age=31536000, immutable' : 'no-store',
      ...SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket: Socket, head) => {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', `http://127.0.0.1:${port}`).pathname;
    const reason =
      foreignRequest(req.headers, port) ??
      (path !== WS_PATH ? `no WebSocket at ${path}` : undefined) ??
      (tokensEqual(presentedToken(req.headers, port), token) ? undefined : 'no session token');
    if (reason) {
      stats.forbidden++;
      log(`403 (WebSocket) ${reason}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws));
  });

  function serveConnection(ws: WebSocket): void {
    stats.connections++;
    const subscriptions = new Map<ApiEvent, () => void>();
    let alive = true;

    const send = (message: ServerMessage): boolean => {
      if (ws.readyState !== ws.OPEN) return false;
      ws.send(JSON.stringify(message), (err) => {
        if (err) log(`send failed: ${err.message}`);
      });
      return true;
    };

    ws.on('error', (err) => log(`WebSocket error: ${err.message}`));
    ws.on('pong', () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, HEARTBEAT_MS);

    ws.on('close', () => {
      clearInterval(heartbeat);
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    });

    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      let parsed;
      try {
        parsed = clientMessageSchema.safeParse(JSON.parse(data.toString()));
      } catch {
        return ws.close(1007, 'not JSON');
      }
      if (!parsed.success) return ws.close(1007, 'not an mxwarden message');
      const msg = parsed.data;
      if (msg.type === 'subscribe') {
        if (isApiEvent(msg.event) && !subscriptions.has(msg.event)) {
          const event = msg.event;
          subscriptions.set(
            event,
            service.events.subscribe(event, (payload) => {
              send({ type: 'event', event, payload } as ServerMessage);
            }),
          );
        }
        return;
      }
      if (msg.type === 'unsubscribe') {
        if (isApiEvent(msg.event)) {
          subscriptions.get(msg.event)?.();
          subscriptions.delete(msg.event);
        }
        return;
      }
      stats.calls++;
      void service
        .callUnchecked(msg.method, msg.request, { actor: 'gui:browser' })
        .then((result) => {
          if (!send({ type: 'result', id: msg.id, result })) stats.droppedReplies++;
        });
    });

    send({ type: 'hello', version: service.info().version });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    stats: () => ({ ...stats }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
