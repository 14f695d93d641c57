// The scheduled cloud-sender refresh: when it is due (counted from the newest live data, or from
// the start of the process — opening the app sends no DNS query), off at 0 hours, one run at a
// time, and each run audited as the schedule's. DNS goes to a closed loopback port (fails at
// once); test/integration/cloud-whitelist.test.ts runs it against the lab's DNS.

import { describe, expect, it } from 'vitest';
import { SendersSchedule } from '../../../core/app/senders-schedule';
import { SendersRepo } from '../../../core/store/senders-repo';
import { openStore } from '../../../core/store/database';
import { makeCore } from '../../support/core';

const HOUR = 3_600_000;

async function setup(hours: number) {
  const core = makeCore();
  const set = await core.service.call(
    'settings.set',
    { sendersRefreshHours: hours, dnsServers: '127.0.0.1:1' },
    { actor: 'test' },
  );
  if (!set.ok) throw new Error(set.error.message);
  const repo = new SendersRepo(openStore(`${core.dataDir}/mxwarden.db`).db);
  const settings = async () => {
    const r = await core.service.call('settings.get', undefined, { actor: 'test' });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const current = await settings();
  const schedule = new SendersSchedule({
    call: (m, req, ctx) => core.service.call(m, req, ctx),
    events: core.service.events,
    settings: () => current,
    lastLiveAt: () => repo.lastLiveAt(),
    now: () => core.clock.now,
    log: () => {},
  });
  return { core, schedule, repo };
}

describe('the scheduled cloud-sender refresh', () => {
  it('is due an interval after the newest live data, counted from start when there is none', async () => {
    const { core, schedule, repo } = await setup(24);
    expect(schedule.due()).toBe(false);
    core.clock.now += 23 * HOUR;
    expect(await schedule.tick()).toEqual({ ran: false, why: 'not due' });
    core.clock.now += HOUR;
    expect(schedule.due()).toBe(true);
    const [a, b] = await Promise.all([schedule.tick(), schedule.tick()]);
    expect(a).toBe(b); // one run at a time
    expect(a).toMatchObject({ ran: true, refreshed: 33, stale: [] });
    // The live (failed, carried-over) expansions it stored restart the clock: the refresh dates
    // them by the real clock, so look 24 hours past that.
    const last = repo.lastLiveAt() ?? 0;
    expect(last).toBeGreaterThan(0);
    core.clock.now = last + 23 * HOUR;
    expect(schedule.due()).toBe(false);
    const audit = await core.service.call(
      'audit.list',
      { action: 'senders.refresh' },
      {
        actor: 'test',
      },
    );
    if (!audit.ok) throw new Error(audit.error.message);
    expect(audit.value.entries.map((e) => e.actor)).toEqual(['schedule']);
  });

  it('never runs at 0 hours (on demand only)', async () => {
    const { core, schedule } = await setup(0);
    core.clock.now += 1000 * HOUR;
    expect(schedule.due()).toBe(false);
  });
});
