// `mxwarden stats`: what the dashboard shows, for scripts and checks — the seed table (reason,
// count, %) of a range and a set of sources, or everything as JSON; `mxwarden stats sources`
// lists where statistics come from; `mxwarden stats tail` how each server's log is followed.
// Runtime: Node.

import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import { CLI_ACTOR, withCore } from '../core-session';
import { printError, printJson, printTable } from '../output';

const USAGE = [
  'mxwarden stats [--since DURATION | --from ISO --to ISO] [--server NAME]… [--json]',
  '       mxwarden stats sources [--json]',
  '       mxwarden stats tail [--json]',
].join('\n');

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90m", "24h", "7d". */
export function parseDuration(text: string): number {
  const m = /^(\d{1,6})([mhd])$/.exec(text);
  if (!m) throw new UsageError(`--since takes a duration like 30m, 24h or 7d, not "${text}"`);
  return Number(m[1]) * (UNITS[m[2] as string] as number);
}

function parseTime(text: string, flag: string): number {
  const t = Date.parse(text);
  if (!Number.isFinite(t))
    throw new UsageError(`${flag} takes a date and time, e.g. 2026-11-23T08:00Z`);
  return t;
}

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'What was rejected, by which rule (the dashboard as a table or JSON)',
  usage: USAGE,
  async run(args, ctx) {
    const sub = args[0] === 'sources' || args[0] === 'tail' ? args[0] : undefined;
    const { values } = parseArgs({
      args: sub ? args.slice(1) : args,
      options: {
        since: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        server: { type: 'string', multiple: true },
        json: { type: 'boolean' },
      },
      strict: true,
    });
    return withCore(ctx.dataDir, async (service) => {
      if (sub === 'sources') {
        const r = await service.call('stats.sources', undefined, CLI_ACTOR);
        if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
        if (values.json) printJson(ctx.io.stdout, r.value);
        else
          printTable(
            ctx.io.stdout,
            ['source', 'lines', 'unknown', 'newest line'],
            r.value.map((s) => [
              s.name,
              String(s.lines),
              String(s.unknownLines),
              s.lastLineTime ? new Date(s.lastLineTime).toISOString() : '-',
            ]),
          );
        return 0;
      }
      if (sub === 'tail') {
        const r = await service.call('tail.status', undefined, CLI_ACTOR);
        if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
        if (values.json) printJson(ctx.io.stdout, r.value);
        else
          printTable(
            ctx.io.stdout,
            ['server', 'state', 'lines', 'note'],
            r.value.map((s) => [s.name, s.state, String(s.lines), s.message ?? '']),
          );
        return 0;
      }
      const now = Date.now();
      const to = values.to ? parseTime(values.to, '--to') : now + 60_000;
      const from = values.from
        ? parseTime(values.from, '--from')
        : to - parseDuration(values.since ?? '24h');
      let sourceIds: number[] | undefined;
      if (values.server?.length) {
        const list = await service.call('stats.sources', undefined, CLI_ACTOR);
        if (!list.ok) return (printError(ctx.io.stderr, list.error), 1);
        sourceIds = values.server.map((name) => {
          const s = list.value.find((x) => x.name.toLowerCase() === name.toLowerCase());
          if (!s) throw new UsageError(`no statistics for a server named "${name}"`);
          return s.id;
        });
      }
      const r = await service.call(
        'stats.dashboard',
        { from, to, ...(sourceIds ? { sourceIds } : {}) },
        CLI_ACTOR,
      );
      if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
      if (values.json) {
        printJson(ctx.io.stdout, r.value);
        return 0;
      }
      const seed = r.value.seed;
      printTable(
        ctx.io.stdout,
        ['reason', 'count', '%'],
        [
          ...seed.rows.map((x) => [x.label, String(x.count), x.percent.toFixed(1)]),
          ['total', String(seed.total), seed.total ? '100.0' : '0.0'],
        ],
      );
      return 0;
    });
  },
};
