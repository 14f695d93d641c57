// Pushing to the lab's real servers: the happy path on all three (root on mx1, the sudo-limited
// mailadmin on mx2 and mx3), an idempotent re-push, a rollback to an earlier version, a real
// fault at each step of the pipeline on one server while the others succeed (SSH cut, sshd killed,
// disk full, a broken map, a failing reload, a failing probe) — after which the server has
// exactly its old or exactly its new files and Postfix runs — two pushes to one server at once,
// and drift (a managed map edited by hand is detected, shown, and not overwritten without
// consent). Timings and the fault table go to test-results/push.json.
// Runtime: Node (vitest integration project), root.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import type { PushStep, PushSummary } from '../../core/app/types/push';
import type { AppService } from '../../core/app/service';
import { createAppService } from '../../core/app/service';
import type { Policy } from '../../core/policy/schema';
import { MemorySecretStore } from '../../core/secrets/memory-secret-store';
import type { HookContext, PushHooks } from '../../core/servers/push/context';
import { openStore } from '../../core/store/database';
import { getTestLab, labPolicy, smtpSession, poolAddress, type Lab } from '../lab/index';
import { makeLabHome } from '../support/lab-home';
import { configHashes, snapshotServer, type ServerSnapshot } from '../support/server-snapshot';
import { skipWithReason } from '../support/skip';
import { tempDir } from '../support/temp';

const unavailable = inject('labUnavailable');
const actor = { actor: 'push-test' };
let lab: Lab;
let home: ReturnType<typeof makeLabHome>;
let service: AppService;
const ids: Record<string, number> = {};
const snapshots: ServerSnapshot[] = [];
const report: { timings: Record<string, number>; faults: unknown[] } = { timings: {}, faults: [] };

/** The fault the hooks inject on one server at one step, if any. */
let fault:
  | {
      server: string;
      when: 'before' | 'after';
      step: PushStep;
      act(ctx: HookContext): Promise<void>;
    }
  | undefined;

/** A test's own look at every step (the cancel test acts on two servers). */
let onStep:
  ((when: 'before' | 'after', step: PushStep, ctx: HookContext) => Promise<void>) | undefined;

const hooks: PushHooks = {
  async beforeStep(step, ctx) {
    if (fault?.when === 'before' && fault.step === step && fault.server === ctx.serverName)
      await fault.act(ctx);
    await onStep?.('before', step, ctx);
  },
  async afterStep(step, ctx) {
    if (fault?.when === 'after' && fault.step === step && fault.server === ctx.serverName)
      await fault.act(ctx);
    await onStep?.('after', step, ctx);
  },
};

function makeService(dataDir: string): AppService {
  return createAppService({
    store: openStore(path.join(dataDir, 'mxwarden.db')),
    secrets: new MemorySecretStore(),
    host: 'cli',
    dataDir,
    home: home.home,
    watchIntervalMs: 0,
    pushHooks: hooks,
    log: () => {},
  });
}

async function call<T>(
  p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function addFleet(s: AppService): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const server of lab.servers) {
    // mx1 as root, the others as the admin whose sudo covers exactly what mxwarden asks for.
    const v = await call(
      s.call(
        'servers.add',
        {
          name: server.name,
          host: `lab-${server.name}`,
          username: server.name === 'mx1' ? 'root' : 'mailadmin',
        },
        actor,
      ),
    );
    out[server.name] = v.id;
  }
  const inspected = await call(s.call('servers.inspect', { ids: Object.values(out) }, actor));
  for (const i of inspected)
    if (!i.ok) throw new Error(`inspection of ${i.name} failed: ${i.error?.message}`);
  return out;
}

let round = 0;
/** A new version that changes something on every server: one more allowlist entry, another delay. */
async function saveNextVersion(s: AppService = service): Promise<number> {
  round++;
  const p: Policy = labPolicy({ greylistDelaySeconds: 5 + (round % 2) });
  for (let i = 0; i < round; i++)
    p.clients.allow.push({ value: `192.0.2.${i + 1}`, source: 'manual', note: `round ${i + 1}` });
  const v = await call(s.call('policy.save', { policy: p, message: `round ${round}` }, actor));
  return v.versionId as number;
}

const push = (req: Record<string, unknown>, s: AppService = service) =>
  call(s.call('push.run', req as never, actor)) as Promise<PushSummary>;
const byName = (p: PushSummary, name: string) => {
  const r = p.servers.find((x) => x.serverName === name);
  if (!r) throw new Error(`${name} is not in the push`);
  return r;
};
const withoutState = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !/state(\.pending)?\.json$/.test(k)));

async function postfixRuns(name: string): Promise<boolean> {
  return (await lab.exec(lab.server(name), ['postfix', 'status'])).code === 0;
}

beforeAll(async () => {
  if (unavailable) return;
  lab = await getTestLab();
  for (const s of lab.servers) snapshots.push(await snapshotServer(lab, s));
  home = makeLabHome(tempDir(), lab, 'mailadmin');
  fs.writeFileSync(home.knownHosts, lab.servers.map((s) => `${s.ssh.knownHostsLine}\n`).join(''));
  service = makeService(tempDir());
  Object.assign(ids, await addFleet(service));
}, 180_000);

afterAll(async () => {
  fault = undefined;
  service?.close();
  if (lab) for (const s of snapshots) await s.restore();
  if (!unavailable) {
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync('test-results/push.json', `${JSON.stringify(report, null, 2)}\n`);
  }
}, 120_000);

function needLab(ctx: TestContext): Lab {
  if (unavailable) skipWithReason(ctx, `the mail lab is unavailable: ${unavailable}`);
  return lab;
}

describe('push to the lab fleet', () => {
  it('happy path on three servers: files, main.cf, postgrey options, and mail still flows', async (ctx) => {
    needLab(ctx);
    await saveNextVersion();
    const plan = await call(service.call('push.plan', { all: true }, actor));
    for (const s of plan.servers) {
      expect(s.problem, s.serverName).toBeUndefined();
      expect(s.unchanged).toBe(false);
      expect(s.drift).toEqual([]);
    }
    const t0 = Date.now();
    const one = await push({ serverIds: [ids.mx3] });
    report.timings.oneServerMs = Date.now() - t0;
    expect(byName(one, 'mx3').outcome).toBe('applied');
    // The next version changes every server, mx3 included: the fleet push does the full work.
    await saveNextVersion();
    const t1 = Date.now();
    const all = await push({ all: true });
    report.timings.allServersMs = Date.now() - t1;
    report.timings.ratio = Number(
      (report.timings.allServersMs / report.timings.oneServerMs).toFixed(2),
    );
    expect(all.outcome).toBe('succeeded');
    expect(all.servers.map((s) => [s.serverName, s.outcome])).toEqual([
      ['mx1', 'applied'],
      ['mx2', 'applied'],
      ['mx3', 'applied'],
    ]);
    expect(byName(all, 'mx1').canary).toBe(true);

    for (const s of lab.servers) {
      // What the server runs names the version directories, and they hold what was compiled.
      const state = JSON.parse(
        fs.readFileSync(path.join(s.root, 'etc/postfix/mxwarden/state.json'), 'utf8'),
      );
      for (const m of state.mainCf as { name: string; value: string }[]) {
        const live = (await lab.exec(s, ['postconf', '-h', m.name])).stdout.trim();
        expect(live.split(/[\s,]+/).join(' '), `${s.name} ${m.name}`).toBe(
          m.value.split(/[\s,]+/).join(' '),
        );
      }
      const allow = (state.dirs as { kind: string; name: string }[]).find(
        (d) => d.kind === 'postfix',
      );
      const cidr = fs.readFileSync(
        path.join(s.root, 'etc/postfix/mxwarden', allow?.name ?? '', 'client_allow.cidr'),
        'utf8',
      );
      expect(cidr).toContain('192.0.2.1 OK');
      expect((await lab.exec(s, ['postfix', 'check'])).code).toBe(0);
      if (s.postgreyPort !== undefined) {
        const defaults = fs.readFileSync(path.join(s.root, 'etc/default/postgrey'), 'utf8');
        expect(defaults).toMatch(/POSTGREY_OPTS="--inet=127\.0\.0\.1:\d+ --dbdir=\S+ --delay=5 /);
        const ps = (await lab.exec(s, ['cat', '/run/postgrey.pid'])).stdout.trim();
        expect(fs.readFileSync(`/proc/${ps}/cmdline`, 'utf8')).toContain('--delay=5');
      }
    }
    // Mail still flows through the pushed configuration (mx3 has neither postscreen nor postgrey).
    const mail = await smtpSession({
      port: lab.server('mx3').smtpdPort,
      source: poolAddress('clean'),
      mailFrom: 'sender@shop.example',
      rcptTo: ['alice@lab.example'],
      data: 'Subject: after the push\n\nhello\n',
    });
    expect(mail.outcome, mail.transcript.join('\n')).toBe('accepted');
  });

  it('a second push of the same version changes nothing, byte for byte', async (ctx) => {
    needLab(ctx);
    const before = lab.servers.map((s) => configHashes(lab, s));
    const again = await push({ all: true });
    expect(again.servers.map((s) => s.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(lab.servers.map((s) => configHashes(lab, s))).toEqual(before);
  });

  it('rolls back the fleet to an earlier version (a push of that version)', async (ctx) => {
    needLab(ctx);
    const first = (await call(service.call('policy.versions', undefined, actor))).at(-1)
      ?.id as number;
    const latest = await saveNextVersion();
    const forward = await push({ all: true });
    expect(forward.outcome).toBe('succeeded');
    const back = await push({ all: true, policyVersionId: first });
    expect(back.kind).toBe('rollback');
    expect(back.outcome).toBe('succeeded');
    for (const s of lab.servers) {
      const state = JSON.parse(
        fs.readFileSync(path.join(s.root, 'etc/postfix/mxwarden/state.json'), 'utf8'),
      );
      expect(state.policy.versionId, s.name).toBe(first);
    }
    const history = await call(service.call('push.list', { serverId: ids.mx2 }, actor));
    expect(history[0]?.id).toBe(back.id);
    expect(history.some((h) => h.policyVersionId === latest)).toBe(true);
  });
});

interface Fault {
  name: string;
  server: string;
  when: 'before' | 'after';
  step: PushStep;
  act(ctx: HookContext): Promise<void>;
  expect: {
    outcome: string;
    failedStep: PushStep;
    state: 'old' | 'new';
    message: RegExp;
    /** What the server itself said, shown with the failed step. */
    output?: RegExp;
  };
  after?(): Promise<void>;
}

const FAULTS: Fault[] = [
  {
    name: 'SSH connection cut after the swap',
    server: 'mx1',
    when: 'before',
    step: 'reload',
    act: () => lab.cutSshSessions('mx1'),
    expect: {
      outcome: 'rolled-back',
      failedStep: 'reload',
      state: 'old',
      message: /dropped|closed/,
    },
  },
  {
    name: 'sshd killed before the swap',
    server: 'mx2',
    when: 'before',
    step: 'validate',
    act: () => lab.killSshdSessions('mx2'),
    expect: { outcome: 'failed', failedStep: 'validate', state: 'old', message: /dropped|closed/ },
    after: () => lab.startSshd('mx2'),
  },
  {
    name: 'disk full in staging',
    server: 'mx3',
    when: 'before',
    step: 'stage',
    act: async (ctx) => {
      const dir = path.join(lab.server('mx3').root, ctx.stageDir.slice(1));
      fs.mkdirSync(dir, { recursive: true });
      const { execFileSync } = await import('node:child_process');
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
      // Leave no room: a file as large as the file system allows.
      try {
        fs.writeFileSync(path.join(dir, 'filler'), Buffer.alloc(1024 * 1024));
      } catch {
        /* ENOSPC is the point */
      }
      diskFull = dir;
    },
    expect: {
      outcome: 'failed',
      failedStep: 'stage',
      state: 'old',
      message: /disk full|refused the write/,
    },
    after: async () => {
      const { execFileSync } = await import('node:child_process');
      if (diskFull) execFileSync('umount', ['-l', diskFull]);
      if (diskFull) fs.rmSync(diskFull, { recursive: true, force: true });
      diskFull = undefined;
    },
  },
  {
    name: 'a broken map (postfix cannot read it)',
    server: 'mx1',
    when: 'after',
    step: 'stage',
    act: async (ctx) => {
      const dir = ctx.newDirs.find((d) => d.startsWith('postfix-'));
      const file = path.join(
        lab.server('mx1').root,
        ctx.managedDirectory.slice(1),
        dir ?? '',
        'client_allow.cidr',
      );
      fs.appendFileSync(file, '10.0.0.0/33 OK\nnot an address REJECT\n');
    },
    expect: { outcome: 'failed', failedStep: 'validate', state: 'old', message: /cannot read/ },
  },
  {
    name: 'reload fails (Postfix stopped under the push)',
    server: 'mx2',
    when: 'before',
    step: 'reload',
    act: async () => {
      await lab.postfix('mx2', 'stop');
    },
    expect: {
      outcome: 'rolled-back',
      failedStep: 'reload',
      state: 'old',
      message: /postfix reload failed/,
      // postfix(1) prints nothing without a terminal: its words come from the mail log.
      output: /postfix-script\[\d+\]: fatal: the Postfix mail system is not running/,
    },
  },
  {
    name: 'the SMTP probe fails (listeners wait for a PROXY header)',
    server: 'mx3',
    when: 'before',
    step: 'verify',
    act: async () => {
      await lab.exec('mx3', [
        'postconf',
        '-e',
        'smtpd_upstream_proxy_protocol=haproxy',
        'postscreen_upstream_proxy_protocol=haproxy',
      ]);
      await lab.postfix('mx3', 'reload');
    },
    expect: {
      outcome: 'rolled-back',
      failedStep: 'verify',
      state: 'old',
      message: /does not answer SMTP/,
    },
  },
];
let diskFull: string | undefined;

describe('a real fault at each step, on one server while the others succeed', () => {
  for (const f of FAULTS) {
    it(`${f.name} on ${f.server}`, async (ctx) => {
      needLab(ctx);
      await saveNextVersion();
      const before = lab.servers.map((s) => withoutState(configHashes(lab, s)));
      fault = f;
      let result: PushSummary;
      try {
        // The faulted server is not the canary (unless it is mx1): the others must still land.
        result = await push({ all: true, canaryId: ids[f.server === 'mx1' ? 'mx2' : 'mx1'] });
      } finally {
        fault = undefined;
        await f.after?.();
      }
      const r = byName(result, f.server);
      report.faults.push({
        fault: f.name,
        server: f.server,
        injected: `${f.when} ${f.step}`,
        outcome: r.outcome,
        failedStep: r.failedStep,
        message: r.error?.message,
        steps: r.steps.map((s) => `${s.step}:${s.status}`).join(' '),
      });
      expect(r.outcome, JSON.stringify(r.steps, null, 1)).toBe(f.expect.outcome);
      expect(r.failedStep).toBe(f.expect.failedStep);
      expect(r.error?.message).toMatch(f.expect.message);
      if (f.expect.output) expect(r.steps.find((s) => s.output)?.output).toMatch(f.expect.output);
      for (const other of result.servers.filter((s) => s.serverName !== f.server))
        expect(other.outcome, other.serverName).toBe('applied');

      const i = lab.servers.findIndex((s) => s.name === f.server);
      const now = withoutState(configHashes(lab, f.server));
      // Exactly the old files (every failure here ends before or rolls back the swap).
      expect(now).toEqual(before[i]);
      expect(await postfixRuns(f.server)).toBe(true);
      if (f.name.startsWith('the SMTP probe')) {
        // The probe fault lives in main.cf: the rollback restored main.cf as it was before the push.
        const proxy = (
          await lab.exec('mx3', ['postconf', '-h', 'smtpd_upstream_proxy_protocol'])
        ).stdout.trim();
        expect(proxy).toBe('');
      }
      // And the next push to it, without a fault, lands (the next round pushes it as one of the
      // "others"; after the last fault, here).
      if (f === FAULTS.at(-1)) {
        const retry = await push({ serverIds: [ids[f.server] as number] });
        expect(byName(retry, f.server).outcome).toBe('applied');
      }
    }, 180_000);
  }
});

describe('concurrency and drift', () => {
  it('two pushes to one server at once (two processes): one proceeds, the other is refused, never interleaved', async (ctx) => {
    needLab(ctx);
    const otherDir = tempDir();
    const other = makeService(otherDir);
    try {
      const otherIds = await addFleet(other);
      await saveNextVersion();
      // The second app has its own store: it saves the same policy as its own version.
      const current = await call(service.call('policy.current', undefined, actor));
      await call(other.call('policy.save', { policy: current.policy, message: 'same' }, actor));
      const [a, b] = await Promise.all([
        push({ serverIds: [ids.mx2] }),
        push({ serverIds: [otherIds.mx2] }, other),
      ]);
      const outcomes = [byName(a, 'mx2').outcome, byName(b, 'mx2').outcome].sort();
      // One applies; the other either found the lock taken, or came after and found nothing to do.
      expect(['applied,locked', 'applied,unchanged']).toContain(outcomes.join(','));
      const refused = [a, b].map((p) => byName(p, 'mx2')).find((r) => r.outcome === 'locked');
      if (refused) {
        expect(refused.error?.message).toMatch(/is being pushed by push-test on .* since/);
        expect(refused.steps.map((s) => s.step)).not.toContain('stage');
      }
    } finally {
      other.close();
    }
  });

  it('cancel: a server already swapped finishes on the new configuration, one not yet swapped stops before its swap', async (ctx) => {
    needLab(ctx);
    await saveNextVersion();
    const mx3Before = withoutState(configHashes(lab, 'mx3'));
    let pushId: string | undefined;
    const off = service.events.subscribe('push.progress', (p) => (pushId = p.pushId));
    let cancelled = false;
    onStep = async (when, step, c) => {
      // mx2 has just swapped: the admin presses Cancel.
      if (when === 'after' && step === 'swap' && c.serverName === 'mx2') {
        const r = await service.call('push.cancel', { pushId }, actor);
        cancelled = r.ok && r.value.cancelled;
      }
      // mx3 (running beside mx2) is slower: it reaches its staging only after the Cancel.
      if (when === 'before' && step === 'stage' && c.serverName === 'mx3')
        for (let i = 0; i < 1200 && !cancelled; i++) await new Promise((r) => setTimeout(r, 50));
    };
    let result: PushSummary;
    try {
      result = await push({ all: true, canaryId: ids.mx1, concurrency: 2 });
    } finally {
      onStep = undefined;
      off();
    }
    expect(cancelled).toBe(true);
    expect(result.outcome).toBe('cancelled');
    expect(byName(result, 'mx1').outcome).toBe('applied');
    const mx2 = byName(result, 'mx2');
    expect([mx2.outcome, mx2.state]).toEqual(['applied', 'new']);
    const mx3 = byName(result, 'mx3');
    expect([mx3.outcome, mx3.state]).toEqual(['cancelled', 'previous']);
    expect(mx3.steps.map((s) => s.step)).not.toContain('swap');
    expect(withoutState(configHashes(lab, 'mx3'))).toEqual(mx3Before);
    expect(await postfixRuns('mx3')).toBe(true);
    // The cancelled server takes the version at the next push.
    const next = await push({ serverIds: [ids.mx3 as number] });
    expect(byName(next, 'mx3').outcome).toBe('applied');
  });

  it('a managed map edited by hand on mx2 is detected, shown, and not overwritten without consent', async (ctx) => {
    needLab(ctx);
    const mx2 = lab.server('mx2');
    // This app wrote mx2 last: its history has what it wrote, to show beside the edit.
    await saveNextVersion();
    expect(byName(await push({ serverIds: [ids.mx2] }), 'mx2').outcome).toBe('applied');
    const state = JSON.parse(
      fs.readFileSync(path.join(mx2.root, 'etc/postfix/mxwarden/state.json'), 'utf8'),
    );
    const dir =
      (state.dirs as { kind: string; name: string }[]).find((d) => d.kind === 'postfix')?.name ??
      '';
    const file = path.join(mx2.root, 'etc/postfix/mxwarden', dir, 'client_allow.cidr');
    fs.appendFileSync(file, '198.51.100.99 OK\n');
    const edited = fs.readFileSync(file, 'utf8');

    const report = await call(service.call('push.drift', { serverId: ids.mx2 as number }, actor));
    expect(report.items).toEqual([
      expect.objectContaining({
        kind: 'file',
        name: `/etc/postfix/mxwarden/${dir}/client_allow.cidr`,
        actual: edited,
      }),
    ]);
    // What mxwarden wrote comes from this app's history: the diff can be shown.
    expect(report.items[0]?.expected).toContain('192.0.2.1 OK');

    await saveNextVersion();
    const refused = await push({ all: true });
    expect(byName(refused, 'mx2').outcome).toBe('drift');
    expect(byName(refused, 'mx2').drift?.[0]?.name).toContain('client_allow.cidr');
    expect(fs.readFileSync(file, 'utf8')).toBe(edited);

    const agreed = await push({ serverIds: [ids.mx2], overwriteDrift: [ids.mx2] });
    expect(byName(agreed, 'mx2').outcome).toBe('applied');
    expect(
      (await call(service.call('push.drift', { serverId: ids.mx2 as number }, actor))).items,
    ).toEqual([]);
  });

  it('an account without the rights a push needs is told the sudoers line to add', async (ctx) => {
    needLab(ctx);
    const add = await call(
      service.call(
        'servers.add',
        { name: 'mx3-auditor', host: 'lab-mx3', username: 'auditor' },
        actor,
      ),
    );
    await call(service.call('servers.inspect', { ids: [add.id] }, actor));
    const r = await push({ serverIds: [add.id] });
    const s = byName(r, 'mx3-auditor');
    expect(s.outcome).toBe('failed');
    expect(s.failedStep).toBe('connect');
    expect(s.error?.message).toMatch(
      /auditor ALL=\(root\) NOPASSWD: .*\/usr\/sbin\/postconf.*\/usr\/bin\/flock/,
    );
    await call(service.call('servers.remove', { id: add.id }, actor));
  });
});
