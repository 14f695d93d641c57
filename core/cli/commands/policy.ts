// `mxwarden policy show|validate|save`: policy as code. Runtime: Node.

import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { issueLines, validatePolicy } from '../../policy/messages';
import { UsageError, type CliCommand } from '../command';
import { CLI_ACTOR, withCore } from '../core-session';
import { printError, printJson } from '../output';

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export const policyCommand: CliCommand = {
  name: 'policy',
  summary: 'Show, validate or save the filtering policy (JSON)',
  usage:
    'mxwarden policy show [--json] | mxwarden policy validate FILE | mxwarden policy save FILE [--message TEXT]',
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, message: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const [verb, file] = positionals;
    if (verb === 'validate' || verb === 'save') {
      if (!file || positionals.length !== 2) throw new UsageError(`policy ${verb} takes one FILE`);
      let input: unknown;
      try {
        input = readJson(file);
      } catch (e) {
        ctx.io.stderr.write(`mxwarden policy: cannot read ${file}: ${(e as Error).message}\n`);
        return 1;
      }
      const v = validatePolicy(input);
      if (!v.ok) {
        ctx.io.stderr.write(
          `${file} is not a valid policy:\n${issueLines(v.issues)
            .map((l) => `  ${l}\n`)
            .join('')}`,
        );
        return 1;
      }
      if (verb === 'validate') return (ctx.io.stdout.write(`${file}: valid\n`), 0);
      return withCore(ctx.dataDir, async (service) => {
        const r = await service.call(
          'policy.save',
          { policy: v.policy, message: values.message ?? `saved from ${file}` },
          CLI_ACTOR,
        );
        if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
        ctx.io.stdout.write(
          `Saved as version ${r.value.versionId ?? '?'} (now the current policy).\n`,
        );
        return 0;
      });
    }
    if (verb === 'show') {
      return withCore(ctx.dataDir, async (service) => {
        const r = await service.call('policy.current', undefined, CLI_ACTOR);
        if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
        if (values.json) printJson(ctx.io.stdout, r.value.policy);
        else
          ctx.io.stdout.write(
            `${r.value.name} (${r.value.source === 'saved' ? `version ${r.value.versionId}` : 'template, never saved'})\n${JSON.stringify(r.value.policy, null, 2)}\n`,
          );
        return 0;
      });
    }
    throw new UsageError('expected show, validate or save');
  },
};
