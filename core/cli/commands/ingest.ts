// `mxwarden ingest FILE --server NAME`: imports a mail log from disk (plain or gzip) into the
// statistics, as if it had been read from the server NAME (a managed server's name, or any name
// for offline analysis). Importing the same file again, or the same log after it grew or was
// rotated and compressed, adds only what is new; an import that was interrupted continues.
// Progress goes to standard error. Runtime: Node.

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { IngestResult } from '../../app/api';
import { UsageError, type CliCommand } from '../command';
import { CLI_ACTOR, withCore } from '../core-session';
import { printError, printJson } from '../output';
import { parseUtcOffset } from './logs';

const USAGE =
  'mxwarden ingest FILE --server NAME [--year YYYY] [--utc-offset ±HH:MM|local] [--json] [--quiet]';

function summary(r: IngestResult): string {
  const resumed = r.resumedAt
    ? ` (continued at byte ${r.resumedAt.toLocaleString('en')}: the lines before were imported already)`
    : '';
  const unknown = r.unknown ? `, ${r.unknown.toLocaleString('en')} not recognised` : '';
  const tail = r.unterminatedTail
    ? '\nThe last line has no newline yet: it was left for the next import (the log may still be written).'
    : '';
  const rate =
    r.durationMs > 0
      ? ` — ${Math.round((r.lines / r.durationMs) * 1000).toLocaleString('en')} lines/s`
      : '';
  return `${r.file} → ${r.source}: ${r.lines.toLocaleString('en')} lines, ${r.events.toLocaleString('en')} events${unknown}${resumed}, ${(r.durationMs / 1000).toFixed(1)} s${rate}${tail}\n`;
}

export const ingestCommand: CliCommand = {
  name: 'ingest',
  summary: 'Import a mail log file into the statistics (resumable, never counted twice)',
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        server: { type: 'string' },
        year: { type: 'string' },
        'utc-offset': { type: 'string', default: 'local' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new UsageError('give one log file');
    if (!values.server) throw new UsageError('say which server the log is from: --server NAME');
    let year: number | undefined;
    if (values.year !== undefined) {
      if (!/^\d{4}$/.test(values.year)) throw new UsageError('--year takes a year, e.g. 2026');
      year = Number(values.year);
    }
    const offset = parseUtcOffset(values['utc-offset']);
    const file = path.resolve(positionals[0] as string);
    const runId = randomUUID();
    return withCore(ctx.dataDir, async (service) => {
      // Progress is for a person at a terminal; a script reads the summary (or --json).
      const progress =
        !values.quiet && !values.json && (ctx.io.stderr as { isTTY?: boolean }).isTTY === true;
      const unsubscribe = progress
        ? service.events.subscribe('stats.ingestProgress', (p) => {
            if (p.runId !== runId || p.bytesTotal === 0) return;
            const pct = Math.min(100, Math.floor((p.bytesDone / p.bytesTotal) * 100));
            ctx.io.stderr.write(`\r${pct}% · ${p.lines.toLocaleString('en')} lines`);
          })
        : () => {};
      const r = await service.call(
        'stats.ingest',
        {
          file,
          server: values.server as string,
          runId,
          ...(year !== undefined ? { year } : {}),
          utcOffsetMinutes: typeof offset === 'number' ? offset : 'local',
        },
        CLI_ACTOR,
      );
      unsubscribe();
      if (progress) ctx.io.stderr.write('\r\x1b[K');
      if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
      if (values.json) printJson(ctx.io.stdout, r.value);
      else ctx.io.stdout.write(summary(r.value));
      return 0;
    });
  },
};
