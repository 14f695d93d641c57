// `mxwarden audit list`: who changed what, newest first. Runtime: Node.

import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import { CLI_ACTOR, withCore } from '../core-session';
import { printError, printJson, printTable } from '../output';

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'List the audit log',
  usage: 'mxwarden audit list [--limit N] [--action PREFIX] [--search TEXT] [--json]',
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        json: { type: 'boolean' },
        limit: { type: 'string' },
        action: { type: 'string' },
        search: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals[0] !== 'list' || positionals.length > 1)
      throw new UsageError('expected "list"');
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit)) throw new UsageError('--limit takes a whole number');
    return withCore(ctx.dataDir, async (service) => {
      const result = await service.call(
        'audit.list',
        {
          limit,
          ...(values.action ? { action: values.action } : {}),
          ...(values.search ? { search: values.search } : {}),
        },
        CLI_ACTOR,
      );
      if (!result.ok) return (printError(ctx.io.stderr, result.error), 1);
      if (values.json) return (printJson(ctx.io.stdout, result.value), 0);
      printTable(
        ctx.io.stdout,
        ['time (UTC)', 'actor', 'action', 'target', 'detail'],
        result.value.entries.map((e) => [
          new Date(e.time).toISOString().replace('T', ' ').slice(0, 19),
          e.actor,
          e.action,
          e.target,
          JSON.stringify(e.detail),
        ]),
      );
      ctx.io.stdout.write(`${result.value.entries.length} of ${result.value.total} entries\n`);
      return 0;
    });
  },
};
