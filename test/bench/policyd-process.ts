// mxwarden's policy service for the benchmark: the real `mxwarden policyd` command as its own
// process (as postgrey is its own process), run from the sources through tsx so the benchmark
// always measures the code in the tree, with its log (stderr) in a file as postgrey's is.
// Runtime: Node (bench).

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { SyncMode } from '../../core/policyd/server';
import type { Policy } from '../../core/policy/schema';
import { ROOT } from '../support/project';

export interface PolicydProcess {
  port: number;
  logFile: string;
  stop(): Promise<number | null>;
}

export async function startPolicyd(
  dir: string,
  policy: Policy,
  sync: SyncMode,
): Promise<PolicydProcess> {
  fs.mkdirSync(dir, { recursive: true });
  const policyFile = path.join(dir, 'policy.json');
  fs.writeFileSync(policyFile, JSON.stringify(policy));
  const logFile = path.join(dir, 'policyd.log');
  const log = fs.openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'electron', 'cli.ts'),
        'policyd',
        '--listen',
        '127.0.0.1:0',
        '--policy',
        policyFile,
        '--state',
        path.join(dir, 'state.db'),
        '--sync',
        sync,
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', log] },
    );
  } finally {
    fs.closeSync(log);
  }
  const exit = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  const started = Date.now();
  let port = 0;
  while (!port) {
    const m = /listening on inet:127\.0\.0\.1:(\d+)/.exec(fs.readFileSync(logFile, 'utf8'));
    if (m) port = Number(m[1]);
    else if (child.exitCode !== null || Date.now() - started > 30_000) {
      child.kill('SIGKILL');
      throw new Error(`policyd did not start: ${fs.readFileSync(logFile, 'utf8').slice(-800)}`);
    } else await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    logFile,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exit;
    },
  };
}
