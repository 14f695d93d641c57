// `mxwarden info`: version, data directory, schema. Runtime: Node.

import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { CLI_ACTOR, withCore } from '../core-session';
import { printError, printJson, printTable } from '../output';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Show version, data directory and database schema',
  usage: 'mxwarden info [--json]',
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
    return withCore(ctx.dataDir, async (service) => {
      const result = await service.call('app.info', undefined, CLI_ACTOR);
      if (!result.ok) return (printError(ctx.io.stderr, result.error), 1);
      const info = result.value;
      if (values.json) return (printJson(ctx.io.stdout, info), 0);
      printTable(
        ctx.io.stdout,
        ['', ''],
        [
          ['version', info.version],
          ['data directory', info.dataDir],
          ['database', info.databasePath],
          ['schema', `${info.schemaVersion} (latest ${info.latestSchemaVersion})`],
          ['secrets', info.secrets.description],
        ],
      );
      return 0;
    });
  },
};
