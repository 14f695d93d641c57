// Live latency: a line appended to a lab server's mail log → counted on the dashboard, read
// through the API (`stats.dashboard`), with the product's polling (no test speed-ups). Peer, side
// by side on the same lines: `ssh … tail -F` of the same log printing the line — the raw
// transport, the least any SSH log follower can take. Runtime: Node (bench).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Lab } from '../lab/index';
import { tailingCore, ACTOR } from '../support/stats-core';
import type { BenchOutcome } from './results';
import { quantile } from './stats';

const KEY = 'dnsbl:zen.lab.example';
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An smtpd RBL reject as mx3 writes it, stamped now (the lab's servers log in UTC). */
function rejectLine(host: string, n: number): string {
  const d = new Date();
  const p = (x: number) => String(x).padStart(2, '0');
  const stamp = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const ip = `127.251.${(n >> 8) & 255}.${n & 255}`;
  return (
    `${stamp} ${host} postfix/smtpd[4242]: NOQUEUE: reject: RCPT from unknown[${ip}]: 554 5.7.1 ` +
    `Service unavailable; Client host [${ip}] blocked using zen.lab.example; from=<bench-${n}@shop.example> ` +
    `to=<alice@lab.example> proto=ESMTP helo=<bench.example>`
  );
}

export async function statsLiveBench(
  lab: Lab,
  o: { samples: number; log: (line: string) => void },
): Promise<BenchOutcome> {
  const server = lab.server('mx3');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-bench-live-'));
  const core = await tailingCore(lab, dir, ['mx3'], {});
  const ssh = spawn(
    'ssh',
    [
      ...['-F', '/dev/null', '-i', lab.keys.plain, '-p', String(server.ssh.port)],
      ...['-o', `UserKnownHostsFile=${path.join(dir, 'known_hosts')}`, '-o', 'BatchMode=yes'],
      ...[`root@${server.ssh.host}`, 'tail', '-n0', '-F', server.logFile],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let peerText = '';
  ssh.stdout.on('data', (d: Buffer) => (peerText += d.toString()));
  try {
    const sourceId = await (async () => {
      for (let i = 0; i < 300; i++) {
        const s = await core.service.call('stats.sources', undefined, ACTOR);
        const mx3 = s.ok ? s.value.find((x) => x.name === 'mx3') : undefined;
        if (mx3 && core.statuses.get('mx3')?.state === 'following') return mx3.id;
        await sleep(100);
      }
      throw new Error('mx3 was not being followed after 30 s');
    })();
    await sleep(1000); // ssh's tail has started
    const count = async () => {
      const now = Date.now();
      const r = await core.service.call(
        'stats.dashboard',
        { from: now - 3_600_000, to: now + 120_000, sourceIds: [sourceId] },
        ACTOR,
      );
      if (!r.ok) throw new Error(r.error.message);
      return r.value.seed.rows.find((row) => row.key === KEY)?.count ?? 0;
    };
    const ours: number[] = [];
    const theirs: number[] = [];
    const file = path.join(server.root, server.logFile);
    for (let n = 1; n <= o.samples; n++) {
      const before = await count();
      let changed = () => {};
      const unsubscribe = core.service.events.subscribe('stats.changed', () => changed());
      const line = rejectLine(server.hostname.split('.')[0] ?? 'mx3', n);
      const marker = `bench-${n}@`;
      const t0 = performance.now();
      fs.appendFileSync(file, `${line}\n`);
      let peerMs: number | undefined;
      let oursMs: number | undefined;
      while (oursMs === undefined || peerMs === undefined) {
        if (peerMs === undefined && peerText.includes(marker)) peerMs = performance.now() - t0;
        if (oursMs === undefined && (await count()) > before) oursMs = performance.now() - t0;
        if (performance.now() - t0 > 10_000) throw new Error(`line ${n} not seen within 10 s`);
        await Promise.race([new Promise<void>((r) => (changed = r)), sleep(10)]);
      }
      unsubscribe();
      ours.push(oursMs);
      theirs.push(peerMs);
      await sleep(100 + Math.random() * 200); // not in step with the poll
    }
    const p = (v: number[], q: number) => quantile(v, q);
    o.log(
      `${o.samples} lines: API p50 ${p(ours, 0.5).toFixed(0)} ms, p95 ${p(ours, 0.95).toFixed(0)} ms; ` +
        `ssh tail -F p50 ${p(theirs, 0.5).toFixed(0)} ms, p95 ${p(theirs, 0.95).toFixed(0)} ms`,
    );
    const note = `ours: line appended on mx3 → counted in stats.dashboard (tail polls every 200 ms); peer: ssh tail -F of the same log (GNU tail's own polling); ${o.samples} lines`;
    return {
      entries: {
        'live-latency-p50': {
          ours: p(ours, 0.5),
          peer: p(theirs, 0.5),
          ratio: p(ours, 0.5) / p(theirs, 0.5),
          unit: 'ms',
        },
        'live-latency-p95': {
          ours: p(ours, 0.95),
          peer: p(theirs, 0.95),
          ratio: p(ours, 0.95) / p(theirs, 0.95),
          unit: 'ms',
        },
      },
      notes: { 'live-latency-p50': note, 'live-latency-p95': `${note}; goal ours ≤ 1000 ms` },
    };
  } finally {
    ssh.kill();
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
