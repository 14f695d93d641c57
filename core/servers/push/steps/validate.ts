// Step "validate": the staged configuration is checked on the server by Postfix itself before
// anything is swapped — every setting read back with `postconf -c` as it will be in effect,
// `postfix -c … check` with no warning the live configuration does not already give, and every
// table mxwarden writes opened with `postmap -q` (cidr and regexp tables are only parsed when
// opened: a bad line shows there, not in `postfix check`). Runtime: Node.

import { AppError } from '../../../app/result';
import { parsePostconf } from '../../../targets/postfix/postconf-output';
import type { PushContext } from '../context';
import { sameValue } from '../plan';

const TABLE_REF = /\b([a-z]+):(\/[^\s,]+)/g;

const warnings = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /\b(warning|fatal|error):/.test(l));

/** `postfix check` names the config directory in its warnings: compare them without it. */
const comparable = (line: string, dir: string) => line.split(dir).join('<config>');

export async function validateStep(ctx: PushContext): Promise<string> {
  const { plan, placed } = ctx;
  const stage = ctx.stageDir;
  if (!plan || !placed || !stage) throw new Error('validate before stage');
  const s = ctx.session;
  const conf = `${stage}/conf`;

  // 1. Read-back: every setting as Postfix will see it.
  const set = plan.settings.filter((x) => x.value !== undefined);
  if (set.length) {
    const back = await s.exec([ctx.tool('postconf'), '-c', conf, ...set.map((x) => x.name)]);
    if (back.code !== 0)
      throw new AppError('COMMAND_FAILED', `postconf could not read the staged main.cf back.`, {
        output: back.stderr || back.stdout,
      });
    const values = parsePostconf(back.stdout);
    const wrong = set.filter((x) => !sameValue(values[x.name], x.value));
    if (wrong.length)
      throw new AppError(
        'COMMAND_FAILED',
        `The staged main.cf does not read back as written: ${wrong.map((w) => w.name).join(', ')}.`,
        { output: wrong.map((w) => `${w.name} = ${values[w.name] ?? '(unset)'}`).join('\n') },
      );
  }
  const unset = plan.settings.filter((x) => x.value === undefined);
  if (unset.length) {
    const explicit = parsePostconf(await s.run([ctx.tool('postconf'), '-c', conf, '-n']));
    const still = unset.filter((x) => explicit[x.name] !== undefined);
    if (still.length)
      throw new AppError(
        'COMMAND_FAILED',
        `Could not remove ${still.map((x) => x.name).join(', ')} from the staged main.cf.`,
      );
  }

  // 2. postfix check, against what the running configuration already warns about.
  const [before, after] = await Promise.all([
    s.exec([ctx.tool('postfix'), 'check'], { privileged: true, timeoutMs: 120_000 }),
    s.exec([ctx.tool('postfix'), '-c', conf, 'check'], { privileged: true, timeoutMs: 120_000 }),
  ]);
  const known = new Set(
    warnings(`${before.stderr}\n${before.stdout}`).map((l) => comparable(l, ctx.configDirectory)),
  );
  const fresh = warnings(`${after.stderr}\n${after.stdout}`).filter(
    (l) => !known.has(comparable(l, conf)),
  );
  if (after.code !== 0 || fresh.length)
    throw new AppError(
      'COMMAND_FAILED',
      `postfix check fails on the staged configuration${after.code !== 0 ? ` (exit ${after.code})` : ''}.`,
      { output: (fresh.length ? fresh.join('\n') : after.stderr || after.stdout).trim() },
    );

  // 3. Every table mxwarden writes, opened the way smtpd will open it.
  const tables = new Set<string>();
  for (const m of placed.mainCf)
    for (const t of m.value.matchAll(TABLE_REF))
      if ((t[2] ?? '').startsWith(`${ctx.managedDirectory}/`)) tables.add(`${t[1]}:${t[2]}`);
  const problems: string[] = [];
  for (const table of tables) {
    const r = await s.exec([ctx.tool('postmap'), '-q', 'mxwarden-validation-probe', table], {
      privileged: true,
    });
    const bad = warnings(r.stderr);
    // Exit 1 is "not found" — the probe key is in no table; anything else is a failure.
    if (bad.length || (r.code !== 0 && r.code !== 1))
      problems.push(...(bad.length ? bad : [r.stderr.trim()]));
  }
  if (problems.length)
    throw new AppError(
      'COMMAND_FAILED',
      `Postfix cannot read ${problems.length === 1 ? 'a table' : 'tables'} of the new configuration.`,
      { output: problems.join('\n') },
    );
  return `${set.length + unset.length} settings read back, postfix check clean, ${tables.size} table${tables.size === 1 ? '' : 's'} opened`;
}
