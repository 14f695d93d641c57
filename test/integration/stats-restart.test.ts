// Killed mid-ingest, counted exactly: the real `mxwarden serve` backfilling a server's log
// history (logrotate's mail.log.2.gz and mail.log.1, then the live log) over SSH is killed with
// SIGKILL half-way and started again; the real `mxwarden ingest` of a large file is killed
// half-way and run again. Each time the dashboard's seed table must equal what
// `mxwarden logs summary` counts in the very same lines: nothing lost, nothing counted twice.

import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import type { DashboardData, LogSourceInfo, SeedRow, TailStatus } from '../../core/app/api';
import { getTestLab, type Lab } from '../lab/index';
import { CLI, requireBuild } from '../support/project';
import { startServe, type ServeProcess } from '../support/serve-process';
import { skipWithReason } from '../support/skip';
import { labSshFiles } from '../support/stats-core';
import { tempDir } from '../support/temp';

const run = promisify(execFile);
const unavailable = inject('labUnavailable');
let lab: Lab;
let dir: string;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  if (unavailable) return;
  requireBuild();
  lab = await getTestLab();
  dir = tempDir();
});

afterAll(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => undefined);
});

function needLab(ctx: TestContext): Lab {
  if (unavailable) skipWithReason(ctx, `the mail lab is unavailable: ${unavailable}`);
  return lab;
}

async function cli(dataDir: string, ...args: string[]): Promise<string> {
  const r = await run(process.execPath, [CLI, '--data-dir', dataDir, ...args], {
    maxBuffer: 64 << 20,
    timeout: 120_000,
  });
  return r.stdout;
}

/** `mxwarden logs summary` of some text: the independent count of the same lines. */
async function summaryOf(text: string): Promise<SeedRow[]> {
  const file = path.join(dir, `expected-${Date.now()}.log`);
  fs.writeFileSync(file, text);
  const out = await run(process.execPath, [CLI, 'logs', 'summary', file, '--json'], {
    maxBuffer: 64 << 20,
  });
  fs.rmSync(file);
  return (JSON.parse(out.stdout) as { rows: SeedRow[] }).rows;
}

async function dashboardSeed(dataDir: string, server: string): Promise<SeedRow[]> {
  const d = JSON.parse(
    await cli(dataDir, 'stats', '--since', '30d', '--server', server, '--json'),
  ) as DashboardData;
  return d.seed.rows;
}

const simple = (rows: SeedRow[]) => rows.map((r) => [r.key, r.count]).sort();

/** Real lines of the lab's logs, repeated (rotated so each file starts with another line). */
function history(lines: string[], count: number, shift: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(lines[(i + shift) % lines.length] as string);
  return `${out.join('\n')}\n`;
}

function labLines(): string[] {
  const lines = lab.servers
    .flatMap((s) => lab.readLog(s).split('\n'))
    .filter((l) => /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /.test(l));
  if (lines.length < 50) throw new Error('the lab logs have too few lines to build a history from');
  return lines;
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('kill -9 in the middle of an ingest', () => {
  it('mxwarden serve backfilling rotated logs over SSH: killed, restarted, counts exact', async (ctx) => {
    const lab = needLab(ctx);
    const mx3 = lab.server('mx3');
    const lines = labLines();
    // A server with history: two rotated generations, the older one compressed.
    const older = history(lines, 300_000, 7);
    const old = history(lines, 300_000, 13);
    const base = path.join(mx3.root, mx3.logFile);
    fs.writeFileSync(`${base}.2.gz`, zlib.gzipSync(older, { level: 1 }));
    fs.writeFileSync(`${base}.1`, old);
    const hour = 3600;
    const now = Date.now() / 1000;
    fs.utimesSync(`${base}.2.gz`, now - 2 * hour, now - 2 * hour);
    fs.utimesSync(`${base}.1`, now - hour, now - hour);
    cleanup.push(async () => {
      fs.rmSync(`${base}.2.gz`, { force: true });
      fs.rmSync(`${base}.1`, { force: true });
    });

    const dataDir = path.join(dir, 'serve');
    fs.mkdirSync(dataDir);
    const { knownHosts, sshConfig } = labSshFiles(lab, dataDir);
    await cli(dataDir, 'settings', 'set', 'knownHostsPath', knownHosts, 'sshConfigPath', sshConfig);
    await cli(
      dataDir,
      ...['servers', 'add', 'mx3', '--host', mx3.ssh.host, '--port', String(mx3.ssh.port)],
      ...['--user', 'root', '--key', lab.keys.plain],
    );
    await cli(dataDir, 'servers', 'test', 'mx3');
    const linesRead = async () => {
      const sources = JSON.parse(
        await cli(dataDir, 'stats', 'sources', '--json'),
      ) as LogSourceInfo[];
      return sources.find((s) => s.name === 'mx3')?.lines ?? 0;
    };

    let serve: ServeProcess = await startServe(dataDir, ['--quiet']);
    cleanup.push(() => serve.stop());
    // Half-way through the history: some of the .2.gz (or beyond) committed, not all of it.
    const atKill = await waitFor(
      'the backfill to be under way',
      async () => {
        const n = await linesRead();
        return n >= 100_000 ? n : undefined;
      },
      60_000,
    );
    serve.child.kill('SIGKILL');
    await new Promise((r) => serve.child.once('exit', r));
    expect(atKill).toBeLessThan(600_000);

    serve = await startServe(dataDir, ['--quiet']);
    const total = 600_000 + lab.readLog(mx3).split('\n').length - 1;
    await waitFor(
      'the backfill to finish',
      async () => ((await linesRead()) >= total ? true : undefined),
      120_000,
    );
    const tail = JSON.parse(await cli(dataDir, 'stats', 'tail', '--json')) as TailStatus[];
    expect(tail.find((t) => t.name === 'mx3')?.lines).toBeGreaterThanOrEqual(total);
    await serve.stop();

    // Every line of the three generations exactly once: the same table as the summary of them.
    const live = lab.readLog(mx3);
    const expected = await summaryOf(older + old + live);
    expect(simple(await dashboardSeed(dataDir, 'mx3'))).toEqual(simple(expected));
    // And not one line more than there are (no line read twice).
    const read = await linesRead();
    expect(read).toBeGreaterThanOrEqual(total);
    expect(read).toBeLessThanOrEqual(600_000 + live.split('\n').length - 1);
  }, 300_000);

  it('mxwarden ingest of a file: killed, run again, counts exact', async (ctx) => {
    needLab(ctx);
    const file = path.join(dir, 'big.log');
    fs.writeFileSync(file, history(labLines(), 1_000_000, 3));
    const dataDir = path.join(dir, 'ingest');
    fs.mkdirSync(dataDir);
    const child = spawn(
      process.execPath,
      [CLI, '--data-dir', dataDir, 'ingest', file, '--server', 'offline', '--quiet'],
      { stdio: 'ignore' },
    );
    const exited = new Promise((r) => child.once('exit', r));
    const linesRead = async () => {
      const sources = JSON.parse(
        await cli(dataDir, 'stats', 'sources', '--json'),
      ) as LogSourceInfo[];
      return sources.find((s) => s.name === 'offline')?.lines ?? 0;
    };
    const atKill = await waitFor(
      'the import to be under way',
      async () => {
        const n = await linesRead();
        return n > 0 ? n : undefined;
      },
      60_000,
    );
    child.kill('SIGKILL');
    await exited;
    expect(atKill).toBeLessThan(1_000_000);

    const again = await cli(dataDir, 'ingest', file, '--server', 'offline');
    expect(again).toMatch(/continued at byte [\d,]+: the lines before were imported already/);
    expect(await linesRead()).toBe(1_000_000);
    // Once more: nothing new, nothing added.
    expect(await cli(dataDir, 'ingest', file, '--server', 'offline')).toMatch(
      /: 0 lines, 0 events/,
    );
    expect(await linesRead()).toBe(1_000_000);
    const expected = await summaryOf(fs.readFileSync(file, 'utf8'));
    expect(simple(await dashboardSeed(dataDir, 'offline'))).toEqual(simple(expected));
  }, 300_000);
});
