// A real policy server for the unit tests: an ephemeral port, a state file in a temp directory,
// a clock the test moves (so greylisting delays take no wall time), and its log kept in memory.
// Runtime: Node (tests).

import path from 'node:path';
import { afterAll } from 'vitest';
import {
  startPolicyServer,
  type PolicyServer,
  type PolicyServerOptions,
} from '../../../core/policyd/server';
import type { Policy } from '../../../core/policy/schema';
import { TEMPLATES } from '../../../core/policy/templates';
import { tempDir } from '../../support/temp';

/** postgrey's greylisting per address, the shipped recipient exceptions, nothing needing DNS. */
export function testPolicy(delaySeconds = 300): Policy {
  const p = TEMPLATES.balanced();
  p.name = 'policyd unit tests';
  p.greylisting.delaySeconds = delaySeconds;
  p.greylisting.perHost = true;
  p.greylisting.exceptions.recipients = [
    { value: 'postmaster@', source: 'template' },
    { value: 'abuse@', source: 'template' },
  ];
  p.spf = { fail: { action: 'off', dryRun: false }, softfail: { action: 'off', dryRun: false } };
  return p;
}

export interface TestServer {
  server: PolicyServer;
  port: number;
  log: string[];
  statePath: string;
  /** Unix milliseconds the server sees. */
  clock: { now: number; advance(seconds: number): void };
}

const dir = tempDir('mxwarden-policyd-');
let n = 0;
const running: PolicyServer[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
});

export async function startTestServer(
  over: Partial<Omit<PolicyServerOptions, 'log' | 'now'>> = {},
): Promise<TestServer> {
  const log: string[] = [];
  const clock = {
    now: Date.UTC(2026, 10, 23, 12, 0, 0),
    advance(seconds: number) {
      this.now += seconds * 1000;
    },
  };
  const statePath = over.statePath ?? path.join(dir, `state-${++n}.db`);
  const server = await startPolicyServer({
    listen: { kind: 'tcp', host: '127.0.0.1', port: 0 },
    policy: testPolicy(),
    statePath,
    hostname: 'policyd.test.example',
    ...over,
    log: (line) => log.push(line),
    now: () => clock.now,
  });
  running.push(server);
  return { server, port: server.port as number, log, statePath, clock };
}
