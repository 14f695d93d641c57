// The inventory through the real `mxwarden` binary against the lab: add, trust on first use,
// inspect — and hostile names, tags, paths and user names that are stored and shown verbatim
// while nothing in them is ever executed (canary files on the host and in every lab server).

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import { getTestLab, type Lab } from '../lab/index';
import { makeLabHome, type LabHome } from '../support/lab-home';
import { CLI, requireBuild } from '../support/project';
import { skipWithReason } from '../support/skip';
import { tempDir } from '../support/temp';

const run = promisify(execFile);
const unavailable = inject('labUnavailable');
let lab: Lab;
let home: LabHome;
let dataDir: string;

const CANARY = 'mxw-canary';
const PAYLOADS = [
  `mx; touch /tmp/${CANARY}`,
  `$(touch /tmp/${CANARY})`,
  `\`touch /tmp/${CANARY}\``,
  `it's "quoted" \\ ; | & > /tmp/${CANARY}`,
  `two\nlines; touch /tmp/${CANARY}`,
];

function canaries(): string[] {
  const places = [
    '/tmp',
    ...lab.servers.map((s) => path.join(s.root, 'tmp')),
    ...lab.servers.map((s) => path.join(s.root, 'root')),
  ];
  return places.flatMap((dir) => {
    try {
      return fs
        .readdirSync(dir)
        .filter((f) => f.startsWith(CANARY))
        .map((f) => path.join(dir, f));
    } catch {
      return [];
    }
  });
}

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [CLI, '--data-dir', dataDir, ...args], {
      env: { ...process.env, HOME: home.home },
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof err.code === 'number' ? err.code : 1,
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? '',
    };
  }
}

beforeAll(async () => {
  if (unavailable) return;
  requireBuild();
  lab = await getTestLab();
  home = makeLabHome(tempDir(), lab, 'mailadmin');
  dataDir = tempDir();
  for (const f of canaries()) fs.rmSync(f, { force: true });
});

afterAll(() => {
  if (!unavailable) for (const f of canaries()) fs.rmSync(f, { force: true });
});

function needLab(ctx: TestContext): Lab {
  if (unavailable) skipWithReason(ctx, `the mail lab is unavailable: ${unavailable}`);
  return lab;
}

describe('mxwarden servers (the real binary)', () => {
  it('adds a server by alias, trusts its key on first use, and inspects it', async (ctx) => {
    const lab = needLab(ctx);
    const mx1 = lab.server('mx1');
    expect((await cli('servers', 'add', 'mx1', '--host', 'lab-mx1', '--tag', 'mx')).code).toBe(0);
    const first = await cli('servers', 'test', 'mx1');
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(`can't be established`);
    expect(first.stderr).toContain(
      `mxwarden servers trust "mx1" --fingerprint ${mx1.ssh.hostKeyFingerprint}`,
    );
    expect(
      (await cli('servers', 'trust', 'mx1', '--fingerprint', mx1.ssh.hostKeyFingerprint)).code,
    ).toBe(0);
    const ok = await cli('servers', 'test', 'mx1');
    expect(ok.stdout).toContain(
      `connected as mailadmin (sudo), host key ${mx1.ssh.hostKeyFingerprint}`,
    );

    const inspected = await cli('servers', 'inspect', 'mx1', '--json');
    expect(inspected.code).toBe(0);
    const [outcome] = JSON.parse(inspected.stdout) as {
      ok: boolean;
      inspection: { postfix: { version: string }; rbls: { zone: string; weight: number }[] };
    }[];
    expect(outcome?.ok).toBe(true);
    expect(outcome?.inspection.postfix.version).toBe(mx1.expected.postfixVersion);
    expect(outcome?.inspection.rbls.map((r) => `${r.zone}*${r.weight}`)).toEqual(
      mx1.expected.rbls.map((r) => `${r.zone}*${r.weight}`),
    );

    const text = await cli('servers', 'inspect', 'mx1');
    expect(text.stdout).toMatch(
      new RegExp(
        `mx1: Debian GNU/Linux 12.*Postfix ${mx1.expected.postfixVersion.replace(/\./g, '\\.')}`,
      ),
    );
    const list = await cli('servers', 'list');
    expect(list.stdout).toMatch(/mx1\s+mailadmin@127\.0\.0\.1:\d+\s+mx\s+reachable\s+3\.7/);
  });
});

describe('hostile input', () => {
  it('names, tags, key paths and user names are stored and shown verbatim, and nothing runs', async (ctx) => {
    const lab = needLab(ctx);
    const mx2 = lab.server('mx2');
    fs.appendFileSync(home.knownHosts, `${mx2.ssh.knownHostsLine}\n`);
    for (const [i, payload] of PAYLOADS.entries()) {
      expect(
        (
          await cli(
            'servers',
            'add',
            payload,
            '--host',
            'lab-mx2',
            '--tag',
            payload,
            '--notes',
            payload,
          )
        ).code,
        payload,
      ).toBe(0);
      // A user name and a key path full of shell syntax: they travel as data, so they fail as data.
      expect(
        (
          await cli(
            'servers',
            'add',
            `user-${i}`,
            '--host',
            'lab-mx2',
            '--user',
            payload,
            '--key',
            `/tmp/${payload}`,
          )
        ).code,
      ).toBe(0);
    }
    const listed = JSON.parse((await cli('servers', 'list', '--json')).stdout) as {
      name: string;
      tags: string[];
      notes: string;
      username: string | null;
      identityFile: string | null;
    }[];
    for (const [i, payload] of PAYLOADS.entries()) {
      expect(
        listed.find((s) => s.name === payload),
        payload,
      ).toMatchObject({ tags: [payload], notes: payload });
      expect(listed.find((s) => s.name === `user-${i}`)).toMatchObject({
        username: payload,
        identityFile: `/tmp/${payload}`,
      });
    }

    // Real work with the hostile servers: the hostile names never reach a shell anywhere.
    const inspect = await cli('servers', 'inspect', '--all', '--json');
    const outcomes = JSON.parse(inspect.stdout) as {
      name: string;
      ok: boolean;
      error?: { code: string };
    }[];
    for (const payload of PAYLOADS)
      expect(outcomes.find((o) => o.name === payload)?.ok, payload).toBe(true);
    for (let i = 0; i < PAYLOADS.length; i++)
      expect(outcomes.find((o) => o.name === `user-${i}`)?.error?.code).toMatch(
        /AUTH_FAILED|UNREACHABLE/,
      );

    // The audit log keeps the names verbatim too.
    const audit = JSON.parse(
      (await cli('audit', 'list', '--json', '--action', 'servers.add', '--limit', '100')).stdout,
    ) as { entries: { target: string }[] };
    for (const payload of PAYLOADS) expect(audit.entries.map((e) => e.target)).toContain(payload);

    expect(canaries()).toEqual([]);
  });

  it('refuses host values that cannot be a host or an alias, saying why', async (ctx) => {
    needLab(ctx);
    const r = await cli('servers', 'add', 'x', '--host', 'mx1 -oProxyCommand=touch');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('host: must not contain spaces or control characters');
    const dash = await cli('servers', 'add', 'y', '--host=-oProxyCommand=touch');
    expect(dash.code).toBe(1);
    expect(dash.stderr).toContain('must not start with "-"');
    expect(canaries()).toEqual([]);
  });
});
