// Runs the real `mxwarden serve` (the built CLI) and reads the URL it prints.

import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, requireBuild } from './project';

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  origin: string;
  stderr: () => string;
  stop(): Promise<number | null>;
}

export async function startServe(
  dataDir: string,
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
): Promise<ServeProcess> {
  requireBuild();
  const child = spawn(
    process.execPath,
    [CLI, '--data-dir', dataDir, 'serve', '--port', '0', ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve printed no URL in 15 s; stderr: ${err}`)),
      15_000,
    );
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`serve exited (${code}) before printing its URL: ${err}`)),
    );
  });
  const parsed = new URL(url);
  return {
    child,
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    origin: parsed.origin,
    stderr: () => err,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
