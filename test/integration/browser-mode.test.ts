// Browser mode's guard and WebSocket API, against the real `mxwarden serve` process:
// only the page holding the session token, on 127.0.0.1, from our own origin, gets in.

import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Result } from '../../core/app/api';
import { startServe, type ServeProcess } from '../support/serve-process';
import { tempDir } from '../support/temp';

let serve: ServeProcess;

beforeAll(async () => {
  serve = await startServe(tempDir());
});
afterAll(async () => {
  const code = await serve.stop();
  expect(code).toBe(0); // a clean stop, not a crash
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: serve.port, path, method, headers },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const cookie = () => `mxwarden_session_${serve.port}=${serve.token}`;
const good = () => ({ Cookie: cookie(), Origin: serve.origin });

function openSocket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/api`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(
  ws: WebSocket,
  id: number,
  method: string,
  request?: unknown,
): Promise<Result<unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as {
        type: string;
        id?: number;
        result?: Result<unknown>;
      };
      if (msg.type === 'result' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg.result as Result<unknown>);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, method, request }));
  });
}

describe('browser mode: who gets in', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    // Another loopback address on the same port finds nothing listening.
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.2', port: serve.port });
      s.once('connect', () => (s.destroy(), resolve(false)));
      s.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('no token → 403', async () => {
    expect((await request('/')).status).toBe(403);
    expect((await request('/index.html')).status).toBe(403);
    await expect(openSocket({ Origin: serve.origin })).rejects.toThrow('HTTP 403');
  });

  it('wrong token → 403', async () => {
    expect((await request('/?token=not-the-token')).status).toBe(403);
    expect(
      (await request('/', { Cookie: `mxwarden_session_${serve.port}=${serve.token.slice(1)}x` }))
        .status,
    ).toBe(403);
    await expect(
      openSocket({ Cookie: `mxwarden_session_${serve.port}=wrong`, Origin: serve.origin }),
    ).rejects.toThrow('HTTP 403');
  });

  it('right token in the URL → a cookie and a redirect that drops the token from the address bar', async () => {
    const r = await request(`/?token=${serve.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    expect(r.headers['set-cookie']?.[0]).toMatch(
      new RegExp(
        `^mxwarden_session_${serve.port}=${serve.token}; Path=/; HttpOnly; SameSite=Strict$`,
      ),
    );
    const page = await request('/', { Cookie: cookie() });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('foreign Host (DNS rebinding) → 403 even with the right cookie', async () => {
    expect(
      (await request('/', { Cookie: cookie(), Host: `evil.example:${serve.port}` })).status,
    ).toBe(403);
    expect(
      (await request('/', { Cookie: cookie(), Host: `127.0.0.1:${serve.port + 1}` })).status,
    ).toBe(403);
    await expect(
      openSocket({ Cookie: cookie(), Origin: serve.origin, Host: `rebind.example:${serve.port}` }),
    ).rejects.toThrow('HTTP 403');
  });

  it('foreign Origin (CSRF) → 403 even with the right cookie', async () => {
    expect((await request('/', { Cookie: cookie(), Origin: 'http://evil.example' })).status).toBe(
      403,
    );
    expect((await request('/', { Cookie: cookie(), Origin: 'null' })).status).toBe(403);
    await expect(openSocket({ Cookie: cookie(), Origin: 'http://evil.example' })).rejects.toThrow(
      'HTTP 403',
    );
    await expect(
      openSocket({ Cookie: cookie(), Origin: `http://127.0.0.1:${serve.port + 1}` }),
    ).rejects.toThrow('HTTP 403');
  });

  it('everything else gets 403 or 404, never a file outside the UI', async () => {
    expect((await request('/', { Cookie: cookie() }, 'POST')).status).toBe(403);
    expect((await request('/', { Cookie: cookie() }, 'PUT')).status).toBe(403);
    for (const p of [
      '/../package.json',
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/%00',
    ]) {
      const r = await request(p, { Cookie: cookie() });
      expect([403, 404], p).toContain(r.status);
      expect(r.body, p).not.toContain('"name": "mxwarden"');
    }
  });

  it('right token → calls work over the WebSocket', async () => {
    const ws = await openSocket(good());
    const info = await call(ws, 1, 'app.info');
    expect(info).toMatchObject({ ok: true, value: { name: 'mxwarden', host: 'browser' } });
    const set = await call(ws, 2, 'settings.set', { theme: 'dark' });
    expect(set).toMatchObject({ ok: true, value: { theme: 'dark' } });
    const audit = await call(ws, 3, 'audit.list', { limit: 5 });
    expect(audit).toMatchObject({
      ok: true,
      value: { entries: [{ actor: 'gui:browser', action: 'settings.set' }] },
    });
    const bad = await call(ws, 4, 'settings.set', { theme: 7 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const unknown = await call(ws, 5, 'shell.exec', { cmd: 'id' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    ws.close();
  });

  it('bearer token works for scripts; a subscribed event arrives', async () => {
    const ws = await openSocket({ Authorization: `Bearer ${serve.token}` });
    const event = new Promise<unknown>((resolve) =>
      ws.on('message', (d) => {
        const msg = JSON.parse(d.toString()) as { type: string; event?: string; payload?: unknown };
        if (msg.type === 'event' && msg.event === 'audit.appended') resolve(msg.payload);
      }),
    );
    ws.send(JSON.stringify({ type: 'subscribe', event: 'audit.appended' }));
    await new Promise((r) => setTimeout(r, 50));
    await call(ws, 1, 'settings.set', { tableDensity: 'compact' });
    expect(await event).toMatchObject({ action: 'settings.set', target: 'tableDensity' });
    ws.close();
  });
});

describe('browser mode: clients that misbehave', () => {
  it('survives clients dropping mid-call, garbage frames and half-open sockets', async () => {
    // 1. Calls whose clients vanish (RST) right after sending.
    for (let i = 0; i < 40; i++) {
      const ws = await openSocket(good());
      ws.send(
        JSON.stringify({
          type: 'call',
          id: i,
          method: i % 2 ? 'audit.list' : 'settings.set',
          request: i % 2 ? { limit: 500 } : { notifications: i % 4 === 0 },
        }),
      );
      ws.terminate();
    }
    // 2. Malformed messages: the host closes that socket, nothing else.
    for (const junk of [
      'not json',
      '{"type":"call"}',
      JSON.stringify({ type: 'call', id: -1, method: 'app.info' }),
      '[]',
    ]) {
      const ws = await openSocket(good());
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send(junk);
      expect(await closed).toBe(1007);
    }
    // 3. A raw upgrade that sends half a frame and disappears.
    await new Promise<void>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port: serve.port }, () => {
        s.write(
          `GET /api HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\nOrigin: ${serve.origin}\r\nCookie: ${cookie()}\r\n` +
            'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        );
        setTimeout(() => {
          s.write(Buffer.from([0x81, 0xfe, 0x01])); // a masked text frame header, cut short
          s.destroy();
          resolve();
        }, 50);
      });
    });
    await new Promise((r) => setTimeout(r, 200));

    expect(serve.child.exitCode).toBeNull();
    const ws = await openSocket(good());
    expect(await call(ws, 99, 'app.info')).toMatchObject({ ok: true });
    ws.close();
    expect(serve.stderr()).not.toMatch(/Unhandled|TypeError|ReferenceError/);
  });
});
