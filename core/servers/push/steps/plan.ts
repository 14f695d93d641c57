// Step "plan": read what the server has, settle the record of an earlier push that swapped but
// could not record, refuse drift the admin has not agreed to overwrite, work out the changes, and
// take the listeners' health before anything changes (verify compares with it). Runtime: Node.

import { AppError } from '../../../app/result';
import { parseMasterCf } from '../../../targets/postfix/master-cf';
import type { PushContext } from '../context';
import { detectDrift, effectiveRecord } from '../drift';
import { readLiveState } from '../live-state';
import type { ManagedState } from '../managed-state';
import { PENDING_STATE_FILE, STATE_FILE } from '../managed-state';
import { place, sha256 as sha256Of } from '../placement';
import { planServer } from '../plan';
import { probeBanner, smtpListeners } from '../smtp-probe';

export class DriftRefused extends AppError {}

export async function planStep(ctx: PushContext): Promise<string> {
  const placed = place(ctx.input.compiled);
  ctx.placed = placed;
  const live = await readLiveState(ctx.session, {
    postconf: ctx.tool('postconf'),
    postfix: ctx.tool('postfix'),
    configDirectory: ctx.configDirectory,
    managedDirectory: ctx.managedDirectory,
    managedNames: placed.mainCf.map((m) => m.name),
    alsoDirs: placed.dirs.map((d) => d.name),
  });
  ctx.live = live;

  // A push whose connection dropped after its swap left state.pending.json: if the server runs
  // exactly that, it landed — make it the record; otherwise it is a leftover.
  if (live.pending) {
    const dir = ctx.managedDirectory;
    if (effectiveRecord(live) === live.pending) {
      await ctx.files.rename(`${dir}/${PENDING_STATE_FILE}`, `${dir}/${STATE_FILE}`);
      live.state = live.pending;
    } else await ctx.files.remove(`${dir}/${PENDING_STATE_FILE}`);
    delete live.pending;
  }

  const drift = detectDrift(live);
  if (drift.length && !ctx.input.overwriteDrift)
    throw new DriftRefused(
      'CONFLICT',
      `${drift.length} of the things mxwarden manages on ${ctx.input.serverName} were changed there since the last push (${drift
        .slice(0, 3)
        .map((d) => d.name)
        .join(
          ', ',
        )}${drift.length > 3 ? ', …' : ''}). Look at the differences, then adopt them into the policy or agree to overwrite them.`,
      { drift },
    );
  if (!live.postfixRunning)
    throw new AppError(
      'UNAVAILABLE',
      `Postfix is not running on ${ctx.input.serverName}: start it (postfix start) and push again — a push must be able to verify the new configuration on a running Postfix.`,
    );

  const plan = planServer(ctx.input.compiled, placed, live);
  ctx.plan = plan;
  ctx.nextState = nextState(ctx);

  const master = parseMasterCf(await ctx.session.run([ctx.tool('postconf'), '-M']));
  ctx.listeners = smtpListeners(master, live.effective.inet_interfaces ?? 'all');
  ctx.baseline = await Promise.all(ctx.listeners.map((l) => probeBanner(ctx.session, l, 8_000)));

  if (plan.unchanged) return 'nothing to change';
  const parts = [
    plan.newDirs.length
      ? `${plan.newDirs.reduce((n, d) => n + d.files.length, 0)} files in ${plan.newDirs.length} new director${plan.newDirs.length === 1 ? 'y' : 'ies'}`
      : '',
    plan.settings.length ? `${plan.settings.length} main.cf settings` : '',
    plan.postgreyChanged ? "postgrey's options" : '',
  ].filter(Boolean);
  return `to change: ${parts.join(', ')}`;
}

function nextState(ctx: PushContext): ManagedState {
  const live = ctx.live;
  const placed = ctx.placed;
  if (!live || !placed) throw new Error('nextState before plan');
  const original: Record<string, string | null> = { ...(live.state?.original ?? {}) };
  const managed = new Set(placed.mainCf.map((m) => m.name));
  for (const m of placed.mainCf)
    if (!(m.name in original)) original[m.name] = live.explicit[m.name] ?? null;
  for (const name of Object.keys(original)) if (!managed.has(name)) delete original[name];
  return {
    format: 'mxwarden-managed-state',
    version: 1,
    pushId: ctx.input.pushId,
    pushedAt: ctx.input.now(),
    actor: ctx.input.actor,
    workstation: ctx.input.workstation,
    appVersion: ctx.input.appVersion,
    policy: {
      versionId: ctx.input.policy.versionId,
      name: ctx.input.policy.name,
      hash: ctx.input.policy.hash,
    },
    dirs: placed.dirs.map((d) => ({
      kind: d.kind,
      name: d.name,
      files: d.files.map((f) => ({ name: f.name, sha256: fileSha(ctx, d.name, f.name, f.sha256) })),
    })),
    mainCf: placed.mainCf,
    original,
    ...(placed.postgrey ? { postgrey: { options: placed.postgrey.options } } : {}),
  };
}

/** A reused directory keeps the files already there (their header may name an older policy). */
function fileSha(ctx: PushContext, dir: string, name: string, compiledSha: string): string {
  if (ctx.plan?.newDirs.some((d) => d.name === dir)) return compiledSha;
  const text = ctx.live?.files.get(`${ctx.managedDirectory}/${dir}/${name}`);
  return text === undefined ? compiledSha : sha256Of(text);
}
