// `npm run bench`: the side-by-side benchmarks, printed as a table and written to
// test-results/bench.json (merged with other benchmarks' keys). Needs the mail lab: attaches to
// the running instance, or starts it and then stops it again. Not a test: it fails only when a
// benchmark cannot run, never because a goal was missed.
//   MXWARDEN_BENCH_LAB   lab instance (default demo, the one `npm run lab` starts)
//   MXWARDEN_BENCH_ROUNDS, MXWARDEN_BENCH_REQUESTS, MXWARDEN_BENCH_CHECK_RUNS,
//   MXWARDEN_BENCH_SENDERS_RUNS  sizes
//   MXWARDEN_BENCH_ONLY  comma-separated subset: policyd, check-ip, senders, ingest, live,
//                        dashboard (default: all)
//   MXWARDEN_BENCH_INGEST_LINES, MXWARDEN_BENCH_INGEST_ROUNDS, MXWARDEN_BENCH_LIVE_SAMPLES  sizes
// Runtime: Node (tsx), root (the lab).

import { ensureLab, stopLab } from '../lab/index';
import { checkIpBench } from './check-ip-bench';
import { policydBench } from './policyd-bench';
import { sendersBench } from './senders-bench';
import { BENCH_JSON, printTable, writeResults, type BenchOutcome } from './results';
import { statsIngestBench } from './stats-ingest-bench';
import { statsLiveBench } from './stats-live-bench';
import { statsQueryBench } from './stats-query-bench';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

async function main() {
  const began = Date.now();
  const log = (line: string) =>
    console.log(`[bench ${((Date.now() - began) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  const name = process.env.MXWARDEN_BENCH_LAB ?? 'demo';
  const { lab, started } = await ensureLab({ name, log: (l) => log(`lab: ${l}`) });
  const outcomes: BenchOutcome[] = [];
  const only = process.env.MXWARDEN_BENCH_ONLY?.split(',').map((s) => s.trim());
  const wanted = (name: string) => !only || only.includes(name);
  try {
    if (wanted('policyd')) {
      log('policy service decisions/s: mxwarden policyd vs postgrey');
      outcomes.push(
        await policydBench(lab, {
          rounds: num('MXWARDEN_BENCH_ROUNDS', 3),
          requests: num('MXWARDEN_BENCH_REQUESTS', 10_000),
          log,
        }),
      );
    }
    if (wanted('check-ip')) {
      log('Check IP with ten lists, one slow');
      outcomes.push(await checkIpBench(lab, { runs: num('MXWARDEN_BENCH_CHECK_RUNS', 5), log }));
    }
    if (wanted('senders')) {
      log('full cloud-sender catalog expansion against the lab DNS');
      outcomes.push(await sendersBench(lab, { runs: num('MXWARDEN_BENCH_SENDERS_RUNS', 5), log }));
    }
    if (wanted('ingest')) {
      log('log ingest lines/s: mxwarden ingest vs pflogsumm');
      outcomes.push(
        await statsIngestBench(lab, {
          lines: num('MXWARDEN_BENCH_INGEST_LINES', 1_000_000),
          rounds: num('MXWARDEN_BENCH_INGEST_ROUNDS', 3),
          log,
        }),
      );
    }
    if (wanted('live')) {
      log('live latency: line on a server → the dashboard API, vs ssh tail -F');
      outcomes.push(
        await statsLiveBench(lab, { samples: num('MXWARDEN_BENCH_LIVE_SAMPLES', 40), log }),
      );
    }
    if (wanted('dashboard')) {
      log('dashboard query over 90 days × 20 servers');
      outcomes.push(await statsQueryBench({ servers: 20, days: 90, runs: 5, log }));
    }
  } finally {
    if (started) await stopLab(name, (l) => log(`lab: ${l}`));
  }
  const entries = Object.assign({}, ...outcomes.map((o) => o.entries));
  const notes = Object.assign({}, ...outcomes.map((o) => o.notes));
  writeResults(entries);
  console.log('');
  printTable(process.stdout, entries, notes);
  console.log(`\nwritten to ${BENCH_JSON}`);
}

main().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
