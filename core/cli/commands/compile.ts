// `mxwarden compile`: a policy file to Postfix/postgrey files, for policy-as-code pipelines.
// Runtime: Node.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { issueLines, validatePolicy } from '../../policy/messages';
import { compile, mainCfText } from '../../targets/postfix/compile';
import { NAMED_PROFILES, namedProfile, type ProfileName } from '../../targets/target';
import { UsageError, type CliCommand } from '../command';

export const compileCommand: CliCommand = {
  name: 'compile',
  summary: 'Compile a policy file into Postfix/postgrey files and main.cf settings',
  usage: `mxwarden compile --policy FILE [--profile ${Object.keys(NAMED_PROFILES).join('|')}] [--postfix-version X.Y] --out DIR`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: {
        policy: { type: 'string' },
        profile: { type: 'string' },
        out: { type: 'string' },
        'postfix-version': { type: 'string' },
      },
      strict: true,
    });
    if (!values.policy || !values.out) throw new UsageError('--policy and --out are required');
    const profile = (values.profile ?? 'postfix-postscreen-postgrey') as ProfileName;
    if (!Object.hasOwn(NAMED_PROFILES, profile))
      throw new UsageError(`unknown profile "${profile}"`);
    let input: unknown;
    try {
      input = JSON.parse(fs.readFileSync(values.policy, 'utf8'));
    } catch (e) {
      ctx.io.stderr.write(
        `mxwarden compile: cannot read ${values.policy}: ${(e as Error).message}\n`,
      );
      return 1;
    }
    const v = validatePolicy(input);
    if (!v.ok) {
      ctx.io.stderr.write(
        `${values.policy} is not a valid policy:\n${issueLines(v.issues)
          .map((l) => `  ${l}\n`)
          .join('')}`,
      );
      return 1;
    }
    const out = compile(v.policy, namedProfile(profile, values['postfix-version']));
    fs.mkdirSync(values.out, { recursive: true });
    for (const f of out.files) {
      // Mirror the server's paths under DIR (etc/postfix/mxwarden/…), never outside it.
      const dst = path.join(values.out, path.relative('/', f.path));
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      fs.writeFileSync(dst, f.content, { mode: f.mode });
    }
    fs.writeFileSync(path.join(values.out, 'main.cf.settings'), mainCfText(out));
    if (out.postgrey)
      fs.writeFileSync(
        path.join(values.out, 'postgrey.options'),
        `${out.postgrey.options.join('\n')}\n`,
      );
    const report = [
      ...out.unsupported.map((u) => `cannot express on ${out.target}: ${u.rule}: ${u.message}`),
      ...out.notes.map((n) => `note: ${n}`),
    ];
    fs.writeFileSync(path.join(values.out, 'report.txt'), report.map((l) => `${l}\n`).join(''));
    ctx.io.stdout.write(
      `${out.files.length} files and ${out.mainCf.length} main.cf settings written to ${values.out} (profile ${profile})\n`,
    );
    for (const l of report) ctx.io.stdout.write(`${l}\n`);
    return 0;
  },
};
