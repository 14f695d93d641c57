// Statistics in a real SQLite store through the API (no network): an imported log's dashboard
// equals `mxwarden logs summary` of the same lines; an import continues where it stopped; the
// server's own probe sessions (127.0.0.1) are not counted; retention drops minute rows after a
// week (hours remain) and old events, and the size bound trims the oldest events.
// Runtime: Node (vitest).

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DashboardData } from '../../../core/app/api';
import { createAppService, type AppService } from '../../../core/app/service';
import { logsCommand } from '../../../core/cli/commands/logs';
import { runCli } from '../../../core/cli/main';
import { MemorySecretStore } from '../../../core/secrets/memory-secret-store';
import { openStore } from '../../../core/store/database';
import { applyRetention } from '../../../core/stats/retention';
import { capture } from '../../support/capture';
import { tempDir } from '../../support/temp';

const ACTOR = { actor: 'test' };
const dir = tempDir();
let n = 0;

const LINES = [
  'Nov 23 05:19:07 mx1 postfix/smtpd[1234]: connect from mail.example.org[192.0.2.10]',
  'Nov 23 05:19:08 mx1 postfix/smtpd[1234]: NOQUEUE: reject: RCPT from unknown[192.0.2.66]: 554 5.7.1 Service unavailable; Client host [192.0.2.66] blocked using zen.spamhaus.org; from=<spam@example.net> to=<alice@example.org> proto=ESMTP helo=<spam.example.net>',
  'Nov 23 05:19:09 mx1 postfix/smtpd[1234]: disconnect from unknown[192.0.2.66] ehlo=1 mail=1 rcpt=0/1 commands=2/3',
  'Nov 23 05:19:10 mx1 postfix/smtpd[1235]: NOQUEUE: reject: RCPT from unknown[192.0.2.4]: 550 5.7.25 Client host rejected: cannot find your reverse hostname, [192.0.2.4]; from=<a@x.example> to=<alice@example.org> proto=ESMTP helo=<x>',
  'Nov 23 05:19:32 mx1 postfix/postscreen[999]: CONNECT from [192.0.2.80]:40001 to [198.51.100.1]:25',
  'Nov 23 05:19:33 mx1 postfix/postscreen[999]: PASS NEW [192.0.2.80]:40001',
  'Nov 23 05:20:01 mx1 postfix/smtpd[1236]: 3C9F1A2B4D: client=mail.example.com[198.51.100.7]',
  'Nov 23 05:20:02 mx1 postfix/qmgr[88]: 3C9F1A2B4D: from=<news@example.com>, size=1200, nrcpt=1 (queue active)',
  'Nov 23 05:20:03 mx1 postfix/smtpd[1236]: disconnect from mail.example.com[198.51.100.7] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5',
];

/** The push pipeline's probes: the server connecting to its own listeners. */
const PROBES = [
  'Nov 23 05:21:00 mx1 postfix/postscreen[999]: CONNECT from [127.0.0.1]:50000 to [127.0.0.1]:25',
  'Nov 23 05:21:00 mx1 postfix/postscreen[999]: HANGUP after 0.01 from [127.0.0.1]:50000 in tests before SMTP handshake',
  'Nov 23 05:21:01 mx1 postfix/smtpd[1240]: connect from localhost[127.0.0.1]',
  'Nov 23 05:21:01 mx1 postfix/smtpd[1240]: disconnect from localhost[127.0.0.1] commands=0',
];

function service(): { service: AppService; dataDir: string } {
  const dataDir = path.join(dir, `d${++n}`);
  fs.mkdirSync(dataDir);
  const store = openStore(path.join(dataDir, 'mxwarden.db'));
  return {
    dataDir,
    service: createAppService({
      store,
      secrets: new MemorySecretStore(),
      host: 'browser',
      dataDir,
      log: () => {},
    }),
  };
}

function write(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function ingest(s: AppService, file: string) {
  const r = await s.call(
    'stats.ingest',
    { file, server: 'offline', year: 2026, utcOffsetMinutes: 0 },
    ACTOR,
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function dashboard(s: AppService): Promise<DashboardData> {
  const from = Date.UTC(2026, 10, 23, 5);
  const r = await s.call('stats.dashboard', { from, to: from + 3_600_000 }, ACTOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function summary(file: string) {
  const c = capture();
  await runCli(['logs', 'summary', file, '--json', '--year', '2026', '--utc-offset', 'Z'], c.io, [
    logsCommand,
  ]);
  return (JSON.parse(c.out()) as { rows: { key: string; count: number }[] }).rows
    .map((r) => [r.key, r.count])
    .sort();
}

describe('statistics of an imported log', () => {
  it('equal the seed table of `mxwarden logs summary` of the same lines', async () => {
    const { service: s } = service();
    const file = write('seed.log', LINES);
    const r = await ingest(s, file);
    expect(r.lines).toBe(LINES.length);
    const d = await dashboard(s);
    expect(d.seed.rows.map((row) => [row.key, row.count]).sort()).toEqual(await summary(file));
    expect(d.resolution).toBe('minute');
    expect(d.quitless).toMatchObject({ disconnects: 2, withoutQuit: 1 });
    expect(d.topClients.map((c) => c.client).sort()).toEqual(['192.0.2.4', '192.0.2.66']);
    s.close();
  });

  it('continue an import where it stopped: appended lines only, nothing twice', async () => {
    const { service: s } = service();
    const file = write('grow.log', LINES.slice(0, 4));
    await ingest(s, file);
    fs.appendFileSync(file, `${LINES.slice(4).join('\n')}\n`);
    const again = await ingest(s, file);
    expect(again.lines).toBe(LINES.length - 4);
    expect(again.resumedAt).toBeGreaterThan(0);
    expect((await ingest(s, file)).lines).toBe(0);
    const d = await dashboard(s);
    expect(d.seed.rows.map((row) => [row.key, row.count]).sort()).toEqual(
      await summary(write('grow-all.log', LINES)),
    );
    s.close();
  });

  it('leave out the server probing its own listeners from 127.0.0.1', async () => {
    const { service: s } = service();
    await ingest(s, write('probes.log', [...LINES, ...PROBES]));
    const d = await dashboard(s);
    expect(d.quitless).toMatchObject({ disconnects: 2, withoutQuit: 1 });
    expect(d.seed.rows.map((row) => [row.key, row.count]).sort()).toEqual(
      await summary(write('no-probes.log', LINES)),
    );
    expect(d.lines).toBe(LINES.length + PROBES.length);
    s.close();
  });
});

describe('retention', () => {
  it('drops minute rows after a week (hours remain), old events, and trims to the size bound', async () => {
    const store = openStore(path.join(dir, `r${++n}.db`));
    const db = store.db;
    const now = Date.UTC(2026, 10, 23, 12);
    const minute = (ms: number) => Math.floor(ms / 60_000);
    const rollup = db.prepare(
      "INSERT INTO stats_rollups (span, bucket, source_id, metric, reason, rule, count) VALUES (?, ?, 1, 'accepted', '', '', 1)",
    );
    const event = db.prepare(
      "INSERT INTO stats_events (source_id, time, metric, reason, rule, client) VALUES (1, ?, 'reject', 'rbl', 'dnsbl:zen.example', '192.0.2.1')",
    );
    const old = now - 10 * 86_400_000;
    rollup.run(1, minute(old));
    rollup.run(60, minute(old) - (minute(old) % 60));
    rollup.run(1, minute(now - 3_600_000));
    for (let i = 0; i < 3000; i++) event.run(now - (i % 100) * 86_400_000);
    const r = await applyRetention(db, { now, eventDays: 90, maxBytes: 2 ** 40, chunk: 500 });
    expect(r.minuteRows).toBe(1);
    expect(r.events).toBe(270); // days 91..99 (day 90 is exactly at the cut: kept)
    const spans = db.prepare('SELECT span FROM stats_rollups ORDER BY span').pluck().all();
    expect(spans).toEqual([1, 60]);

    // A bound below what the store uses: the oldest events go first.
    const before = db.prepare('SELECT count(*) FROM stats_events').pluck().get() as number;
    const bound = await applyRetention(db, { now, eventDays: 90, maxBytes: 4096, chunk: 500 });
    expect(bound.trimmedForSize).toBeGreaterThan(0);
    const left = db.prepare('SELECT count(*) FROM stats_events').pluck().get() as number;
    expect(left).toBe(before - bound.trimmedForSize);
    store.close();
  });
});
