// Decisions per second: mxwarden's policy service against postgrey 1.37, side by side in one run.
// Both get the same request stream (Postfix 3.7 RCPT requests: first new triplets, then the same
// triplets again), from the same client code, over the same number of connections, each with
// one request in flight as a Postfix smtpd has. Both keep their greylist state durably and start
// from an empty one each round: postgrey in its Berkeley DB (which fdatasyncs every decision),
// ours in SQLite — measured in our default mode (WAL, synchronous=NORMAL: a decision survives
// a crash of the service) and with --sync full (an fsync per commit: it also survives a crash
// of the machine, postgrey's guarantee). Same greylisting on both sides: per address, 300 s
// delay, auto-whitelisting after 5, postmaster@ and abuse@ exempt, no client whitelist, no DNS.
// Rounds alternate the order of the services; medians are reported.
// Runtime: Node (bench), root (the lab).

import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { SyncMode } from '../../core/policyd/server';
import type { Policy } from '../../core/policy/schema';
import { TEMPLATES } from '../../core/policy/templates';
import type { Lab } from '../lab/index';
import { runLoad, type LoadResult, type LoadTarget } from './policy-load';
import { startPolicyd } from './policyd-process';
import { startPostgreyPeer } from './postgrey-peer';
import { requestStream } from './request-stream';
import type { BenchEntry, BenchOutcome } from './results';
import { median } from './stats';

export interface PolicydBenchOptions {
  rounds: number;
  /** Requests per phase. */
  requests: number;
  log: (line: string) => void;
}

type Side = 'postgrey' | 'ours-normal' | 'ours-full';
type Phase = 'new-4' | 'repeated-4' | 'new-16';

const DELAY = 300;

function benchPolicy(): Policy {
  const p = TEMPLATES.balanced();
  p.name = 'benchmark: postgrey-equivalent greylisting';
  p.greylisting.delaySeconds = DELAY;
  p.greylisting.perHost = true; // postgrey --lookup-by-host
  p.greylisting.exceptions.recipients = [
    { value: 'postmaster@', source: 'template' },
    { value: 'abuse@', source: 'template' },
  ];
  // Nothing that needs DNS: postgrey does none either.
  p.spf = { fail: { action: 'off', dryRun: false }, softfail: { action: 'off', dryRun: false } };
  return p;
}

/** One round for one side: warm-up, then the three phases, on a fresh state. */
async function measure(
  target: LoadTarget,
  streams: { warm: Buffer[]; main: Buffer[]; wide: Buffer[] },
): Promise<Record<Phase, LoadResult>> {
  await runLoad(target, streams.warm, 4);
  const fresh = await runLoad(target, streams.main, 4);
  const repeated = await runLoad(target, streams.main, 4);
  const wide = await runLoad(target, streams.wide, 16);
  for (const [name, r] of [
    ['new', fresh],
    ['repeated', repeated],
    ['new, 16 connections', wide],
  ] as const) {
    // Every answer must be the greylisting one: a service answering DUNNO (say, to a request it
    // found incomplete) would look fast for the wrong reason.
    if (Object.keys(r.actions).join() !== 'DEFER_IF_PERMIT')
      throw new Error(`unexpected answers (${name}): ${JSON.stringify(r.actions)}`);
  }
  return { 'new-4': fresh, 'repeated-4': repeated, 'new-16': wide };
}

export async function policydBench(lab: Lab, o: PolicydBenchOptions): Promise<BenchOutcome> {
  const server = lab.server('mx3');
  const streams = {
    warm: requestStream({ count: 3000, net: 250 }),
    main: requestStream({ count: o.requests, net: 1 }),
    wide: requestStream({ count: o.requests, net: 100 }),
  };
  const results: Record<Side, Record<Phase, LoadResult>[]> = {
    postgrey: [],
    'ours-normal': [],
    'ours-full': [],
  };
  let peerVersion = '';
  const sides: Side[] = ['postgrey', 'ours-normal', 'ours-full'];
  for (let round = 0; round < o.rounds; round++) {
    const order = [...sides.slice(round % 3), ...sides.slice(0, round % 3)];
    for (const side of order) {
      const began = Date.now();
      if (side === 'postgrey') {
        const peer = await startPostgreyPeer(lab, server, { delaySeconds: DELAY });
        peerVersion = peer.version;
        try {
          results[side].push(await measure({ host: '127.0.0.1', port: peer.port }, streams));
        } finally {
          await peer.stop();
        }
      } else {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-bench-'));
        const ours = await startPolicyd(dir, benchPolicy(), side.slice(5) as SyncMode);
        try {
          results[side].push(await measure({ host: '127.0.0.1', port: ours.port }, streams));
        } finally {
          const code = await ours.stop();
          if (code !== 0)
            o.log(`policyd exited ${code}: ${fs.readFileSync(ours.logFile, 'utf8').slice(-400)}`);
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
      const r = results[side].at(-1) as Record<Phase, LoadResult>;
      o.log(
        `round ${round + 1}/${o.rounds} ${side.padEnd(11)} ` +
          (Object.entries(r) as [Phase, LoadResult][])
            .map(([p, x]) => `${p} ${Math.round(x.perSecond)}/s (p50 ${x.p50Ms.toFixed(2)} ms)`)
            .join(', ') +
          ` — ${((Date.now() - began) / 1000).toFixed(1)} s`,
      );
    }
  }

  const med = (side: Side, phase: Phase, f: (r: LoadResult) => number) =>
    median(results[side].map((r) => f(r[phase])));
  const entries: Record<string, BenchEntry> = {};
  const notes: Record<string, string> = {};
  const phases: [Phase, string][] = [
    ['new-4', 'new triplets, 4 connections'],
    ['repeated-4', 'repeated triplets, 4 connections'],
    ['new-16', 'new triplets, 16 connections'],
  ];
  for (const [ours, suffix, durability] of [
    ['ours-normal', '', 'WAL synchronous=NORMAL (survives a crash of the service)'],
    ['ours-full', '-fsync', 'synchronous=FULL (fsync per commit, like postgrey)'],
  ] as const) {
    for (const [phase, what] of phases) {
      const key = `policyd-${phase.replace('-4', '').replace('-16', '-16conn')}${suffix}`;
      const a = med(ours, phase, (r) => r.perSecond);
      const b = med('postgrey', phase, (r) => r.perSecond);
      entries[key] = { ours: a, peer: b, ratio: a / b, unit: 'decisions/s' };
      notes[key] = `${what}; ours: ${durability}; peer: ${peerVersion}`;
      for (const [q, f] of [
        ['p50', (r: LoadResult) => r.p50Ms],
        ['p99', (r: LoadResult) => r.p99Ms],
      ] as const) {
        const x = med(ours, phase, f);
        const y = med('postgrey', phase, f);
        entries[`${key}-${q}`] = { ours: x, peer: y, ratio: x / y, unit: 'ms' };
      }
    }
  }
  return { entries, notes };
}
