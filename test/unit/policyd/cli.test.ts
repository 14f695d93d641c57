// `mxwarden policyd` refusing to start, in process: a policy that does not validate is listed
// problem by problem in words (exit 1), wrong usage says what is wrong (exit 2). Serving,
// SIGHUP and SIGTERM are tested on the real process (test/integration/policyd.test.ts).
// Runtime: Node (vitest unit project).

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../core/cli/main';
import { capture } from '../../support/capture';
import { tempDir } from '../../support/temp';
import { testPolicy } from './harness';

const dir = tempDir();

async function policyd(...args: string[]) {
  const c = capture();
  const code = await runCli(['policyd', ...args], c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('mxwarden policyd (start-up)', () => {
  it('refuses a policy that does not validate, listing each problem in words', async () => {
    const bad = testPolicy();
    bad.greylisting.delaySeconds = 0;
    bad.greylisting.exceptions.clients = [{ value: '10.0.0.0/33', source: 'manual' }];
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(bad));
    const r = await policyd('--policy', file, '--state', path.join(dir, 's.db'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`the policy ${file} is not usable`);
    expect(r.err).toMatch(/- greylisting delay \(seconds\): /);
    expect(r.err).toMatch(/- line 1 of the clients exempt from greylisting: .*10\.0\.0\.0\/33/);
    expect(fs.existsSync(path.join(dir, 's.db'))).toBe(false);
  });

  it('refuses a policy file that is missing or not JSON', async () => {
    const missing = await policyd('--policy', path.join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read .*nope\.json/);
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, '{"format": ');
    const broken = await policyd('--policy', file);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/broken\.json is not JSON/);
  });

  it('says what is wrong with the options (exit 2)', async () => {
    const file = path.join(dir, 'good.json');
    fs.writeFileSync(file, JSON.stringify(testPolicy()));
    expect((await policyd()).err).toMatch(/--policy FILE\.json is required/);
    const cases: [string[], RegExp][] = [
      [['--listen', 'localhost'], /is not HOST:PORT/],
      [['--listen', 'unix:relative.sock'], /must be absolute/],
      [['--listen', '127.0.0.1:70000'], /port 70000/],
      [['--sync', 'sometimes'], /--sync takes normal or full/],
      [['--max-request=-1'], /--max-request takes a positive whole number/],
      [['--idle-timeout', 'soon'], /--idle-timeout takes a positive whole number/],
      [['--max-connections', '0'], /--max-connections takes a positive whole number/],
    ];
    for (const [args, why] of cases) {
      const r = await policyd('--policy', file, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(why);
      expect(r.err).toMatch(/Usage: mxwarden policyd --policy FILE\.json/);
    }
  });

  it('reports a port in use (exit 1)', async () => {
    const file = path.join(dir, 'good2.json');
    fs.writeFileSync(file, JSON.stringify(testPolicy()));
    const net = await import('node:net');
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    const port = (taken.address() as { port: number }).port;
    const r = await policyd(
      '--policy',
      file,
      '--state',
      path.join(dir, 's2.db'),
      '--listen',
      `127.0.0.1:${port}`,
    );
    taken.close();
    expect(r.code).toBe(1);
    expect(r.err).toContain(`127.0.0.1:${port} is in use`);
  });
});
