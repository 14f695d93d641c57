// The words of `mxwarden push` on a terminal: the plan (per server, what changes, drift, what it
// cannot express) with unified diffs on request, and the summary rows. Runtime: Node.

import { createTwoFilesPatch } from 'diff';
import type { PushPlan, PushServerPlan, PushSummary } from '../../app/types/push';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "+3 −1" from a unified patch, for the one-line file summary. */
function counts(patch: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of patch.split('\n').slice(4)) {
    if (line.startsWith('+')) added++;
    else if (line.startsWith('-')) removed++;
  }
  return { added, removed };
}

function patchOf(path: string, before: string | undefined, after: string | undefined): string {
  return createTwoFilesPatch(
    path,
    path,
    before ?? '',
    after ?? '',
    before === undefined ? '(absent)' : 'on the server',
    after === undefined ? '(gone)' : 'compiled',
  );
}

function serverText(
  s: PushServerPlan,
  opts: { diff: boolean; dryRun?: boolean; driftOnly?: boolean },
): string {
  const out: string[] = [];
  if (s.problem) {
    out.push(`${s.serverName}: cannot be pushed — ${s.problem.message}`);
    return out.join('\n');
  }
  if (!opts.driftOnly) {
    const changed = s.files.filter((f) => f.current !== f.compiled);
    const settings = s.mainCf.filter(
      (m) => m.current.replace(/\s+/g, ' ') !== m.compiled.replace(/\s+/g, ' '),
    );
    const pg = s.postgrey && s.postgrey.current !== s.postgrey.compiled ? s.postgrey : undefined;
    out.push(
      s.unchanged
        ? `${s.serverName}: already has exactly this configuration — nothing to do`
        : `${s.serverName}: ${plural(changed.length, 'file')}, ${plural(settings.length, 'main.cf setting')}${pg ? ', postgrey options' : ''} change`,
    );
    for (const f of changed) {
      const patch = patchOf(f.path, f.current, f.compiled);
      const c = counts(patch);
      out.push(`  ${f.current === undefined ? 'new ' : ''}${f.path}  +${c.added} −${c.removed}`);
      if (opts.diff) out.push(patch.split('\n').slice(2).join('\n').replace(/^/gm, '    '));
    }
    for (const m of settings)
      out.push(`  main.cf ${m.name}:\n    − ${m.current || '(not set)'}\n    + ${m.compiled}`);
    if (pg) out.push(`  postgrey options:\n    − ${pg.current}\n    + ${pg.compiled}`);
    for (const f of s.stale) out.push(`  no longer written (removed by the push): ${f}`);
    for (const u of s.unsupported) out.push(`  cannot express here: ${u.rule} — ${u.message}`);
  }
  if (s.drift.length) {
    out.push(
      `  DRIFT: changed on ${s.serverName} since mxwarden last wrote it (${plural(s.drift.length, 'item')}); a push overwrites it only with consent (--overwrite-drift ${s.serverName}):`,
    );
    for (const d of s.drift) {
      const what =
        d.kind === 'file' ? d.name : d.kind === 'parameter' ? `main.cf ${d.name}` : d.name;
      const how =
        d.actual === undefined ? 'removed' : d.expected === undefined ? 'appeared' : 'edited';
      out.push(`    ${what}: ${how}`);
      if (opts.diff && d.kind === 'file')
        out.push(
          createTwoFilesPatch(
            d.name,
            d.name,
            d.expected ?? '',
            d.actual ?? '',
            'mxwarden wrote',
            'on the server',
          )
            .split('\n')
            .slice(2)
            .join('\n')
            .replace(/^/gm, '      '),
        );
      else if (d.kind !== 'file')
        out.push(
          `      mxwarden wrote: ${d.expected ?? '(nothing)'}\n      now: ${d.actual ?? '(gone)'}`,
        );
    }
  }
  return out.join('\n');
}

export function planText(
  plan: PushPlan,
  opts: { diff: boolean; dryRun?: boolean; driftOnly?: boolean },
): string {
  const head = opts.driftOnly
    ? ''
    : `${opts.dryRun ? 'Dry run (validate on the servers, swap nothing)' : 'Plan'}: policy version ${plan.policyVersionId} (${plan.policyName}) to ${plural(plan.servers.length, 'server')}\n\n`;
  return `${head}${plan.servers.map((s) => serverText(s, opts)).join('\n\n')}\n`;
}

export function summaryRows(p: PushSummary): string[][] {
  return p.servers.map((s) => [
    `${s.serverName}${s.canary ? ' (canary)' : ''}`,
    s.outcome,
    s.failedStep ?? '',
    s.error?.message ??
      (s.outcome === 'unchanged'
        ? 'nothing to change'
        : `${plural(s.changes.files.length, 'file')}, ${plural(s.changes.parameters.length, 'setting')}${s.changes.postgrey ? ', postgrey' : ''}`),
  ]);
}
