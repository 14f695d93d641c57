// Live statistics from the lab's real Postfix logs, followed over real SSH: a scripted traffic
// mix (clean, DNS-listed, no PTR, pregreet, greylisted then retried, greylisted never retried)
// must show in the dashboard API exactly as sent, per server and reason — also when the SSH
// connection is cut while lines are being written, and when the log is rotated under the tail
// (`postfix logrotate`, and logrotate's mv + reload).

import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import { getTestLab, type Lab } from '../lab/index';
import { skipWithReason } from '../support/skip';
import { settled, tailingCore, type TailingCore } from '../support/stats-core';
import { tempDir } from '../support/temp';
import { delta, runTraffic, trafficMix, type Counts, type TrafficCase } from '../support/traffic';

const unavailable = inject('labUnavailable');
let lab: Lab;
let core: TailingCore;

beforeAll(async () => {
  if (unavailable) return;
  lab = await getTestLab();
  core = await tailingCore(lab, tempDir());
}, 120_000);

afterAll(async () => {
  await core?.close();
});

function needLab(ctx: TestContext): Lab {
  if (unavailable) skipWithReason(ctx, `the mail lab is unavailable: ${unavailable}`);
  return lab;
}

/** Sends the cases and checks the dashboard's counts moved by exactly what they must count as. */
async function expectCounted(
  send: () => Promise<Counts>,
  during?: () => Promise<void>,
): Promise<Counts> {
  const before = await settled(core);
  const [expected] = await Promise.all([send(), during?.()]);
  const after = await settled(core, 2000, 90_000);
  expect(delta(before, after)).toEqual(expected);
  return expected;
}

describe('the dashboard API counts what the lab was sent', () => {
  it('backfills each server log on first connect, then follows it', async (ctx) => {
    needLab(ctx);
    await settled(core);
    for (const name of Object.keys(core.serverIds)) {
      const s = core.statuses.get(name);
      expect(s?.state, name).toBe('following');
      expect(s?.log, name).toBe(lab.server(name).logFile);
      expect(s?.lines, name).toBeGreaterThan(0);
    }
  });

  it('counts a traffic mix exactly, per server and reason', async (ctx) => {
    const lab = needLab(ctx);
    const expected = await expectCounted(() => runTraffic(lab, trafficMix(2)));
    // The mix really exercised every reason.
    expect(Object.keys(expected.mx1 ?? {}).sort()).toEqual(
      [
        'accepted',
        'dnsbl:zen.lab.example',
        'greylist.never-passed',
        'greylist.passed',
        'postscreen.pregreet',
      ].sort(),
    );
    expect(expected.mx2).toEqual({ 'rdns.missing': 2 });
    expect(expected.mx3).toEqual({ accepted: 2, 'dnsbl:zen.lab.example': 2 });
  }, 150_000);

  it('loses and doubles nothing when the SSH connection is cut while lines are written', async (ctx) => {
    const lab = needLab(ctx);
    const mx1 = lab.server('mx1');
    const cases: TrafficCase[] = [
      ...Array.from({ length: 4 }, () => ({ kind: 'pregreet' as const, server: 'mx1' })),
      ...Array.from({ length: 4 }, () => ({ kind: 'listed' as const, server: 'mx1' })),
    ];
    let reconnected = false;
    await expectCounted(
      () => runTraffic(lab, cases, 2),
      async () => {
        // Cut in the middle of the burst; sshd stays down for a while, lines keep coming.
        await new Promise((r) => setTimeout(r, 2500));
        await lab.killSshdSessions(mx1);
        await new Promise((r) => setTimeout(r, 3000));
        expect(core.statuses.get('mx1')?.state).toBe('retrying');
        expect(core.statuses.get('mx1')?.message).toMatch(/dropped|closed|refused|ECONNREFUSED/i);
        await lab.startSshd(mx1);
        reconnected = true;
      },
    );
    expect(reconnected).toBe(true);
    expect(core.statuses.get('mx1')?.state).toBe('following');
  }, 150_000);

  it('follows the log through `postfix logrotate` (renamed and compressed) without a gap', async (ctx) => {
    const lab = needLab(ctx);
    const mx1 = lab.server('mx1');
    await expectCounted(
      () =>
        runTraffic(
          lab,
          Array.from({ length: 6 }, () => ({ kind: 'pregreet', server: 'mx1' })),
          2,
        ),
      async () => {
        await new Promise((r) => setTimeout(r, 2500));
        const r = await lab.exec(mx1, ['postfix', 'logrotate']);
        expect(r.code, r.stderr).toBe(0);
      },
    );
    const rotated = await lab.exec(mx1, ['sh', '-c', `ls ${mx1.logFile}.*`]);
    expect(rotated.stdout).toMatch(/postfix\.log\.\d{8}-\d{6}/);
  }, 150_000);

  it("follows the log through logrotate's rename to .1 and a reload", async (ctx) => {
    const lab = needLab(ctx);
    const mx2 = lab.server('mx2');
    await expectCounted(
      () =>
        runTraffic(
          lab,
          Array.from({ length: 6 }, () => ({ kind: 'no-ptr', server: 'mx2' })),
          2,
        ),
      async () => {
        await new Promise((r) => setTimeout(r, 2500));
        const mv = await lab.exec(mx2, ['mv', mx2.logFile, `${mx2.logFile}.1`]);
        expect(mv.code, mv.stderr).toBe(0);
        // Lines written before the reload still land in the renamed file.
        await new Promise((r) => setTimeout(r, 1500));
        const reload = await lab.postfix(mx2, 'reload');
        expect(reload.code, reload.stderr).toBe(0);
      },
    );
  }, 150_000);
});
