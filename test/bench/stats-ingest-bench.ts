// Ingest lines/s against pflogsumm on the same file in the same run: real lines of the lab's mail
// logs (after a scripted traffic mix, so every kind of line is there), repeated to a file of
// 1M lines. Ours: `mxwarden ingest` (parse, store events and rollups in SQLite) into a fresh
// store; peer: `pflogsumm` of the file (parse and summarise). Both are whole processes timed by
// the wall clock, start-up included. Runtime: Node (bench).

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Lab } from '../lab/index';
import { CLI, requireBuild } from '../support/project';
import { runTraffic, trafficMix } from '../support/traffic';
import type { BenchOutcome } from './results';
import { median } from './stats';

const run = promisify(execFile);
const PFLOGSUMM = ['/usr/sbin/pflogsumm', '/usr/bin/pflogsumm'];

async function timed(cmd: string, args: string[]): Promise<number> {
  const started = performance.now();
  await run(cmd, args, { maxBuffer: 256 << 20 });
  return performance.now() - started;
}

function labLines(lab: Lab): string[] {
  return lab.servers
    .flatMap((s) => fs.readFileSync(path.join(s.root, s.logFile), 'utf8').split('\n'))
    .filter((l) => /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /.test(l));
}

export async function statsIngestBench(
  lab: Lab,
  o: { lines: number; rounds: number; log: (line: string) => void },
): Promise<BenchOutcome> {
  requireBuild();
  const peer = PFLOGSUMM.find((p) => fs.existsSync(p));
  if (!peer) throw new Error('pflogsumm is not installed (build/setup-host.sh installs it)');
  let lines = labLines(lab);
  if (lines.length < 500) {
    o.log(`only ${lines.length} lines in the lab's logs: sending a traffic mix first`);
    await runTraffic(lab, trafficMix(2));
    lines = labLines(lab);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-bench-ingest-'));
  try {
    const file = path.join(dir, 'mail.log');
    const out = fs.createWriteStream(file);
    for (let i = 0; i < o.lines; i += lines.length) {
      const chunk = lines.slice(0, Math.min(lines.length, o.lines - i));
      out.write(`${chunk.join('\n')}\n`);
    }
    await new Promise((r) => out.end(r));
    const mb = fs.statSync(file).size / 1e6;
    o.log(
      `file: ${o.lines.toLocaleString('en-US')} lines (${mb.toFixed(0)} MB) from ${lines.length} distinct lab lines`,
    );
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < o.rounds; r++) {
      const dataDir = path.join(dir, `data-${r}`);
      fs.mkdirSync(dataDir);
      const a = await timed(process.execPath, [
        ...[CLI, '--data-dir', dataDir, 'ingest', file, '--server', 'bench', '--quiet'],
      ]);
      const b = await timed(peer, [file]);
      ours.push((o.lines / a) * 1000);
      theirs.push((o.lines / b) * 1000);
      o.log(
        `round ${r + 1}/${o.rounds}: mxwarden ingest ${(a / 1000).toFixed(1)} s, pflogsumm ${(b / 1000).toFixed(1)} s`,
      );
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const key = 'ingest-lines-per-s-vs-pflogsumm';
    const ratios = ours.map((x, i) => x / (theirs[i] as number));
    return {
      entries: {
        [key]: { ours: median(ours), peer: median(theirs), ratio: median(ratios), unit: 'lines/s' },
      },
      notes: {
        [key]: `ours: mxwarden ingest (parse + events + rollups in SQLite); peer: pflogsumm; ${o.lines.toLocaleString('en-US')} lab lines; median of ${o.rounds}; goal ratio ≥ 1.5`,
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
