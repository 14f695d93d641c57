// `mxwarden settings get|set`. Runtime: Node.

import { parseArgs } from 'node:util';
import { isSettingKey, type Settings } from '../../settings/schema';
import { UsageError, type CliCommand } from '../command';
import { CLI_ACTOR, withCore } from '../core-session';
import { printError, printJson, printTable } from '../output';

/**
 * "true"/"false" become booleans, whole numbers numbers; everything else stays text for the
 * schema to judge.
 */
const cliValue = (raw: string): unknown =>
  raw === 'true' ? true : raw === 'false' ? false : /^-?\d{1,15}$/.test(raw) ? Number(raw) : raw;

export const settingsCommand: CliCommand = {
  name: 'settings',
  summary: 'Read or change settings',
  usage: 'mxwarden settings get [KEY] [--json] | mxwarden settings set KEY VALUE [KEY VALUE …]',
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const [verb, ...rest] = positionals;
    if (verb === 'get') {
      if (rest.length > 1) throw new UsageError('settings get takes at most one KEY');
      const key = rest[0];
      if (key !== undefined && !isSettingKey(key)) throw new UsageError(`unknown setting "${key}"`);
      return withCore(ctx.dataDir, async (service) => {
        const result = await service.call('settings.get', undefined, CLI_ACTOR);
        if (!result.ok) return (printError(ctx.io.stderr, result.error), 1);
        const shown: Partial<Settings> = key ? { [key]: result.value[key] } : result.value;
        if (values.json) return (printJson(ctx.io.stdout, shown), 0);
        printTable(
          ctx.io.stdout,
          ['setting', 'value'],
          Object.entries(shown).map(([k, v]) => [k, String(v)]),
        );
        return 0;
      });
    }
    if (verb === 'set') {
      if (rest.length === 0 || rest.length % 2 !== 0)
        throw new UsageError('settings set needs KEY VALUE pairs');
      const patch: Record<string, unknown> = {};
      for (let i = 0; i < rest.length; i += 2)
        patch[rest[i] as string] = cliValue(rest[i + 1] as string);
      return withCore(ctx.dataDir, async (service) => {
        const result = await service.call('settings.set', patch, CLI_ACTOR);
        if (!result.ok) return (printError(ctx.io.stderr, result.error), 1);
        if (values.json) printJson(ctx.io.stdout, result.value);
        return 0;
      });
    }
    throw new UsageError('expected "get" or "set"');
  },
};
