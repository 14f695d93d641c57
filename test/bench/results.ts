// Benchmark results: the table printed for people, and test-results/bench.json for machines,
// `{ "<name>": { "ours": n, "peer": n, "ratio": n, "unit": "..." } }`, merged with what earlier
// benchmarks wrote (each benchmark adds or replaces its own keys). Runtime: Node (bench).

import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/project';
import { fmt } from './stats';

export interface BenchEntry {
  ours: number;
  peer: number;
  /** ours / peer. */
  ratio: number;
  unit: string;
}

export const BENCH_JSON = path.join(ROOT, 'test-results', 'bench.json');

export function writeResults(entries: Record<string, BenchEntry>, file = BENCH_JSON): void {
  let existing: Record<string, BenchEntry> = {};
  try {
    existing = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, BenchEntry>;
  } catch {
    /* first benchmark of this run, or an unreadable file: start over */
  }
  const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : n);
  const merged = { ...existing };
  for (const [k, e] of Object.entries(entries))
    merged[k] = { ours: round(e.ours), peer: round(e.peer), ratio: round(e.ratio), unit: e.unit };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
}

export function printTable(
  out: NodeJS.WritableStream,
  entries: Record<string, BenchEntry>,
  notes: Record<string, string> = {},
): void {
  const rows = Object.entries(entries).map(([k, e]) => [
    k,
    fmt(e.ours),
    fmt(e.peer),
    `${fmt(e.ratio)}×`,
    e.unit,
    notes[k] ?? '',
  ]);
  const header = ['benchmark', 'ours', 'peer', 'ours/peer', 'unit', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i >= 4 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  out.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const r of rows) out.write(`${line(r)}\n`);
}

/** What one benchmark hands to run.ts: its entries, and a few words on some of them. */
export interface BenchOutcome {
  entries: Record<string, BenchEntry>;
  notes: Record<string, string>;
}
