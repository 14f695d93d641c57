// `mxwarden logs parse FILE` prints each line of a mail log as one JSON event; `mxwarden logs
// summary FILE` prints the seed table (reason, count, % of total). Both read the file as a
// stream — a log of millions of lines is never held in memory — and `-` reads standard input.
// Lines without a year (RFC 3164) take --year for the first line and roll over at New Year;
// without --year, the file's modification time is the date no line is later than.
// Runtime: Node.

import fs from 'node:fs';
import { once } from 'node:events';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { LineParser } from '../../logs/line-parser';
import type { ParseOptions } from '../../logs/parse-line';
import { LogSummary, type SummaryReport } from '../../logs/summary/summary';
import { LOCAL_OFFSET, type UtcOffset } from '../../logs/time/wall-clock';
import { UsageError, type CliCommand, type CliContext } from '../command';
import { printJson, printTable } from '../output';

const USAGE = [
  'mxwarden logs parse FILE|- [--year YYYY] [--utc-offset ±HH:MM|local] [--program NAME] [--unknown]',
  '       mxwarden logs summary FILE|- [--json] [--year YYYY] [--utc-offset ±HH:MM|local] [--program NAME]',
].join('\n');

/** `+01:00`, `-0500`, `Z`, `0` or `local` (the machine's zone, with its daylight saving time). */
export function parseUtcOffset(text: string): UtcOffset {
  if (text === 'local') return LOCAL_OFFSET;
  if (text === 'Z' || text === 'UTC' || text === '0') return 0;
  const m = /^([+-])(\d\d):?(\d\d)$/.exec(text);
  if (!m) throw new UsageError(`--utc-offset takes ±HH:MM, Z or local, not "${text}"`);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (minutes > 14 * 60) throw new UsageError(`--utc-offset ${text} is beyond ±14:00`);
  return m[1] === '-' ? -minutes : minutes;
}

interface Input {
  stream: Readable;
  referenceTime: number;
}

function open(file: string, ctx: CliContext): Input | undefined {
  if (file === '-') return { stream: process.stdin, referenceTime: Date.now() };
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new Error('not a regular file');
    return { stream: fs.createReadStream(file), referenceTime: st.mtimeMs };
  } catch (e) {
    ctx.io.stderr.write(`mxwarden logs: cannot read ${file}: ${(e as Error).message}\n`);
    return undefined;
  }
}

/** Writes lines in batches, waiting when the reader of standard output is slower than we are. */
class BatchWriter {
  private batch: string[] = [];
  constructor(private readonly out: Writable) {}
  async line(s: string): Promise<void> {
    this.batch.push(s);
    if (this.batch.length >= 512) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const text = `${this.batch.join('\n')}\n`;
    this.batch = [];
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
}

async function eachLine(input: Input, fn: (line: string) => void | Promise<void>): Promise<void> {
  const rl = readline.createInterface({ input: input.stream, crlfDelay: Infinity });
  for await (const line of rl) await fn(line);
}

function printSummary(ctx: CliContext, r: SummaryReport): void {
  const out = ctx.io.stdout;
  const count = (n: number) => String(n);
  const pct = (n: number) => n.toFixed(1);
  const width = Math.max(5, ...r.rows.map((x) => count(x.count).length), count(r.total).length);
  printTable(
    out,
    ['reason', 'count'.padStart(width), '%'.padStart(5)],
    [
      ...r.rows.map((x) => [x.label, count(x.count).padStart(width), pct(x.percent).padStart(5)]),
      ['total', count(r.total).padStart(width), (r.total ? '100.0' : '0.0').padStart(5)],
    ],
  );
  const withText = r.lines - r.emptyLines;
  const unknownShare = withText ? ` (${((r.unknownLines / withText) * 100).toFixed(1)}%)` : '';
  const empty = r.emptyLines ? `, ${r.emptyLines} empty` : '';
  out.write(`\n${r.lines} lines read, ${r.unknownLines} not recognised${unknownShare}${empty}\n`);
  if (r.listHits.length)
    out.write(
      `DNS list hits (dnsblog): ${r.listHits.map((l) => `${l.list} ${l.hits}`).join(', ')}\n`,
    );
  const g = r.greylisting;
  if (g.deferredAttempts) {
    const delay =
      g.medianDelaySeconds !== undefined ? `, median delay ${g.medianDelaySeconds} s` : '';
    out.write(
      `Greylisting: ${g.deferredAttempts} deferred attempts — ${g.passedAttempts} passed on a retry ` +
        `(${g.passedTriplets} triplets${delay}), ${g.neverPassedAttempts} never passed ` +
        `(${g.neverPassedTriplets} triplets)\n`,
    );
  }
}

export const logsCommand: CliCommand = {
  name: 'logs',
  summary: 'Read a mail log: every line as a typed event, or what was rejected, by which rule',
  usage: USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub !== 'parse' && sub !== 'summary') throw new UsageError('say "parse" or "summary"');
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        year: { type: 'string' },
        'utc-offset': { type: 'string', default: 'local' },
        program: { type: 'string' },
        json: { type: 'boolean' },
        unknown: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1)
      throw new UsageError('give one log file (or - for standard input)');
    if (values.json && sub !== 'summary')
      throw new UsageError('--json is for summary (parse prints JSON)');
    if (values.unknown && sub !== 'parse') throw new UsageError('--unknown is for parse');
    let year: number | undefined;
    if (values.year !== undefined) {
      year = Number(values.year);
      if (!/^\d{4}$/.test(values.year)) throw new UsageError('--year takes a year, e.g. 2026');
    }
    const utcOffset = parseUtcOffset(values['utc-offset']);
    const input = open(positionals[0] as string, ctx);
    if (!input) return 1;
    const options: ParseOptions = {
      referenceTime: input.referenceTime,
      utcOffset,
      ...(year !== undefined ? { year } : {}),
      ...(values.program ? { program: values.program } : {}),
    };
    const parser = new LineParser(options);

    if (sub === 'parse') {
      const writer = new BatchWriter(ctx.io.stdout);
      let n = 0;
      await eachLine(input, async (line) => {
        n++;
        const e = parser.parse(line);
        if (values.unknown && e.kind !== 'unknown') return;
        // The line number and a readable time lead; the event follows as it is (JSON leaves out
        // what is undefined). Built as text: a spread per line would cost more than the parse.
        const time = e.time !== undefined ? `,"time":"${new Date(e.time).toISOString()}"` : '';
        e.time = undefined;
        await writer.line(`{"line":${n}${time},${JSON.stringify(e).slice(1)}`);
      });
      await writer.flush();
      return 0;
    }

    const summary = new LogSummary();
    await eachLine(input, (line) => summary.add(parser.parse(line)));
    const report = summary.report();
    if (values.json) printJson(ctx.io.stdout, report);
    else printSummary(ctx, report);
    return 0;
  },
};
