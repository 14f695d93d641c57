// `npm start` where Electron's binary is absent (this machine): browser mode, a Chromium
// --app window when there is a display, and Ctrl+C stops everything it started.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, requireBuild } from '../support/project';
import { skipWithReason } from '../support/skip';
import { tempDir } from '../support/temp';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

function launch(env: Record<string, string>) {
  requireBuild();
  const child = spawn(process.execPath, [path.join(ROOT, 'build/start.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      MXWARDEN_DATA_DIR: tempDir(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const started = Date.now();
  const url = new Promise<{ url: string; ms: number }>((resolve, reject) => {
    const t = setInterval(() => {
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (m) {
        clearInterval(t);
        resolve({ url: m[0], ms: Date.now() - started });
      }
    }, 20);
    child.once(
      'exit',
      (code) => (clearInterval(t), reject(new Error(`npm start exited ${code}: ${err}`))),
    );
  });
  return { child, url, stderr: () => err };
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

const exited = (c: ChildProcess, ms: number) =>
  new Promise<number | null>((resolve, reject) => {
    if (c.exitCode !== null) return resolve(c.exitCode);
    const t = setTimeout(() => reject(new Error('did not exit')), ms);
    c.once('exit', (code) => (clearTimeout(t), resolve(code)));
  });

const pidsMatching = (needle: string): number[] =>
  fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);

describe('npm start without the Electron binary', () => {
  it('starts browser mode, prints the URL, and stops cleanly on Ctrl+C', async () => {
    const app = launch({ DISPLAY: '', WAYLAND_DISPLAY: '' });
    const { url, ms } = await app.url;
    console.log(`npm start → URL printed in ${ms} ms (warm build)`);
    const port = Number(new URL(url).port);
    const status = await new Promise<number>((resolve) =>
      http.get(url, (res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(303);
    await new Promise((r) => setTimeout(r, 200));
    expect(app.stderr()).toMatch(/open the address above/);

    app.child.kill('SIGINT');
    expect(await exited(app.child, 8000)).toBe(0);
    expect(await portOpen(port)).toBe(false);
  });

  it('opens a Chromium --app window on a display, and closing the launcher closes it', async (ctx) => {
    if (!fs.existsSync('/usr/bin/chromium')) skipWithReason(ctx, 'chromium not installed');
    if (!fs.existsSync('/usr/bin/Xvfb'))
      skipWithReason(ctx, 'Xvfb not installed (no display to open a window on)');
    const display = `:${90 + (process.pid % 9)}`;
    const xvfb = spawn(
      '/usr/bin/Xvfb',
      [display, '-screen', '0', '1400x900x24', '-nolisten', 'tcp'],
      { stdio: 'ignore' },
    );
    children.push(xvfb);
    await new Promise((r) => setTimeout(r, 500));
    try {
      const app = launch({ DISPLAY: display });
      const { url } = await app.url;
      const token = new URL(url).searchParams.get('token') ?? '';
      let windows: number[] = [];
      for (let i = 0; i < 50 && windows.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        windows = pidsMatching(`--app=${url}`);
      }
      expect(windows.length).toBeGreaterThan(0);
      expect(app.stderr()).toMatch(/opened in chromium/);

      app.child.kill('SIGINT');
      expect(await exited(app.child, 8000)).toBe(0);
      await new Promise((r) => setTimeout(r, 500));
      expect(pidsMatching(token)).toEqual([]); // no Chromium process, no server left behind
    } finally {
      xvfb.kill('SIGTERM');
    }
  });

  it('a launcher killed with SIGKILL still takes its server with it', async () => {
    const app = launch({ DISPLAY: '' });
    const { url } = await app.url;
    const port = Number(new URL(url).port);
    app.child.kill('SIGKILL');
    let open = true;
    for (let i = 0; i < 50 && open; i++) {
      await new Promise((r) => setTimeout(r, 100));
      open = await portOpen(port);
    }
    expect(open).toBe(false);
  });
});
