// The mxwarden CLI as an admin runs it against the lab: its own $HOME (ssh config, known_hosts),
// never the machine's ssh agent, a data directory per test file.

import { spawnSync } from 'node:child_process';
import { CLI } from './project';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of every mxwarden process of a test: a throw-away $HOME, no agent. */
export function labEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    ...extra,
  };
  delete env.SSH_AUTH_SOCK;
  return env;
}

export function runCli(
  dataDir: string,
  home: string,
  args: string[],
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): CliRun {
  const r = spawnSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], {
    env: labEnv(home, opts.env),
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI, expected to succeed: its stdout (a failure throws with everything it printed). */
export function cliOk(dataDir: string, home: string, args: string[], timeoutMs?: number): string {
  const r = runCli(dataDir, home, args, timeoutMs ? { timeoutMs } : {});
  if (r.status !== 0)
    throw new Error(`mxwarden ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}
