// The dashboard's query over 90 days × 20 servers of synthetic statistics, through the API
// (`stats.dashboard`) on a real store: rollups as retention leaves them (minute rows for the last
// 7 days, hour and day rows for all 90), 300 rejections a day per server kept one by one, and
// greylisting episodes. No program answers the same question, so the "peer" column is the
// issue's goal (100 ms), said so in the note. Runtime: Node (bench).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppService } from '../../core/app/service';
import { MemorySecretStore } from '../../core/secrets/memory-secret-store';
import { openStore, type Store } from '../../core/store/database';
import { LogSourcesRepo } from '../../core/store/log-sources-repo';
import { ACTOR } from '../support/stats-core';
import type { BenchOutcome } from './results';
import { median } from './stats';

const DAY = 86_400_000;
const GOAL_MS = 100;
/** Per bucket: rejections by rule, accepted mail and the connection counters. */
const KEYS: [metric: string, reason: string, rule: string, weight: number][] = [
  ['reject', 'rbl', 'dnsbl:zen.example', 30],
  ['reject', 'rbl', 'dnsbl:bl.example', 8],
  ['reject', 'rdns.missing', 'rdns.missing', 6],
  ['reject', 'protocol-error', 'postscreen.pregreet', 5],
  ['reject', 'recipient.unknown', 'recipient.unknown', 4],
  ['accepted', '', '', 20],
  ['disconnect', '', '', 70],
  ['disconnect.noquit', '', '', 25],
  ['dnsbl.hit', '', 'zen.example', 35],
];

export function fill(store: Store, servers: number, days: number, now: number): void {
  const db = store.db;
  const sources = new LogSourcesRepo(db);
  const ids = Array.from({ length: servers }, (_, i) => sources.forName(`mx${i + 1}`, now).id);
  const rollup = db.prepare(
    'INSERT INTO stats_rollups (span, bucket, source_id, metric, reason, rule, count) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const event = db.prepare(
    `INSERT INTO stats_events (source_id, time, metric, reason, rule, client, client_name, helo, sender, sender_domain, recipient)
     VALUES (?, ?, 'reject', ?, ?, ?, NULL, 'x.example', ?, ?, 'alice@example.org')`,
  );
  const episode = db.prepare(
    `INSERT INTO stats_greylist (source_id, triplet, first_at, last_at, policy_attempts, smtpd_attempts, passed_at, delay_s, client, client_name, sender, sender_domain, recipient)
     VALUES (?, ?, ?, ?, 1, 1, ?, ?, ?, NULL, ?, ?, 'bob@example.org')`,
  );
  const position = db.prepare(
    `INSERT INTO log_positions (source_id, stream, position, lines, unknown, last_time, updated_at)
     VALUES (?, 'main', '{}', ?, 0, ?, ?)`,
  );
  const startMin = Math.floor((now - days * DAY) / 60_000);
  const endMin = Math.floor(now / 60_000);
  const minuteFrom = endMin - 7 * 1440;
  let seed = 1;
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  db.transaction(() => {
    for (const id of ids) {
      position.run(id, days * 20_000, now, now);
      for (let m = startMin - (startMin % 1440); m < endMin; m += 1440)
        for (const [metric, reason, rule, w] of KEYS)
          rollup.run(1440, m, id, metric, reason, rule, w * 1440);
      for (let m = startMin - (startMin % 60); m < endMin; m += 60)
        for (const [metric, reason, rule, w] of KEYS)
          rollup.run(60, m, id, metric, reason, rule, w * 60);
      for (let m = minuteFrom; m < endMin; m++)
        for (const [metric, reason, rule, w] of KEYS)
          if (rnd() < 0.7)
            rollup.run(1, m, id, metric, reason, rule, Math.max(1, Math.round(w * rnd())));
      for (let d = 0; d < days; d++) {
        for (let e = 0; e < 300; e++) {
          const t = now - d * DAY - Math.floor(rnd() * DAY);
          const k = Math.floor(rnd() * 200);
          const [, reason, rule] = KEYS[e % 5] as (typeof KEYS)[number];
          event.run(
            id,
            t,
            reason,
            rule,
            `192.0.2.${k}`,
            `s${k}@spam${k % 40}.example`,
            `spam${k % 40}.example`,
          );
        }
        for (let g = 0; g < 50; g++) {
          const t = now - d * DAY - Math.floor(rnd() * DAY);
          const passed = rnd() < 0.6;
          const delay = Math.floor(300 + rnd() * 3000);
          episode.run(
            id,
            `t${id}-${d}-${g}`,
            t,
            t + delay,
            passed ? t + delay * 1000 : null,
            passed ? delay : null,
            `198.51.100.${g}`,
            `n${g}@news${g % 10}.example`,
            `news${g % 10}.example`,
          );
        }
      }
    }
  })();
}

export async function statsQueryBench(o: {
  servers: number;
  days: number;
  runs: number;
  log: (line: string) => void;
}): Promise<BenchOutcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-bench-query-'));
  const store = openStore(path.join(dir, 'mxwarden.db'));
  const now = Date.now();
  const began = performance.now();
  fill(store, o.servers, o.days, now);
  const rows = store.db.prepare('SELECT count(*) FROM stats_rollups').pluck().get() as number;
  const events = store.db.prepare('SELECT count(*) FROM stats_events').pluck().get() as number;
  o.log(
    `store: ${rows.toLocaleString('en-US')} rollup rows, ${events.toLocaleString('en-US')} events, ` +
      `${(fs.statSync(path.join(dir, 'mxwarden.db')).size / 1e6).toFixed(0)} MB, filled in ${((performance.now() - began) / 1000).toFixed(1)} s`,
  );
  const service = createAppService({
    store,
    secrets: new MemorySecretStore(),
    host: 'browser',
    dataDir: dir,
    log: () => {},
  });
  const entries: BenchOutcome['entries'] = {};
  const notes: BenchOutcome['notes'] = {};
  try {
    for (const [label, span] of [
      [`${o.days}d`, o.days * DAY],
      ['24h', DAY],
      ['6h', DAY / 4],
    ] as const) {
      const times: number[] = [];
      let resolution = '';
      for (let r = 0; r < o.runs + 1; r++) {
        const t0 = performance.now();
        const d = await service.call('stats.dashboard', { from: now - span, to: now }, ACTOR);
        if (!d.ok) throw new Error(d.error.message);
        resolution = d.value.resolution;
        if (r > 0) times.push(performance.now() - t0); // the first run warms SQLite's cache
      }
      const key = `dashboard-query-${label}-${o.servers}-servers`;
      const ms = median(times);
      o.log(`${label} (${resolution} rows): median ${ms.toFixed(1)} ms of ${o.runs}`);
      entries[key] = { ours: ms, peer: GOAL_MS, ratio: ms / GOAL_MS, unit: 'ms' };
      notes[key] =
        `stats.dashboard over ${o.days} days × ${o.servers} servers of synthetic data, ${resolution} rows; peer column: the goal (no peer answers this)`;
    }
  } finally {
    service.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { entries, notes };
}
