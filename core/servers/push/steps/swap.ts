// Step "swap": the moment the server changes. The current main.cf (and /etc/default/postgrey) are
// copied to the managed directory's backup/ first, the record of the push-to-be is written
// (state.pending.json: should the connection drop now, the next push can tell whether it landed),
// and then each file is replaced by rename(2) from a copy beside it — atomic: Postfix and postgrey
// read either all of the old file or all of the new. Nothing else is edited in place.
// Runtime: Node.

import { AppError } from '../../../app/result';
import type { PushContext } from '../context';
import { PENDING_STATE_FILE } from '../managed-state';
import { sha256 } from '../placement';
import { POSTGREY_DEFAULTS_FILE } from '../postgrey-defaults';
import { tempPostgreyDefaults } from './connect';

export async function swapStep(ctx: PushContext): Promise<string> {
  const { live, plan } = ctx;
  const stage = ctx.stageDir;
  if (!live || !plan || !stage) throw new Error('swap before stage');
  const s = ctx.session;
  const dir = ctx.managedDirectory;
  const id = ctx.input.pushId;

  // Someone (or something) edited main.cf while this push ran: its copy is stale — stop.
  const now = await s.readFile(ctx.mainCfPath);
  if (!now || sha256(now) !== live.mainCf.sha256)
    throw new AppError(
      'CONFLICT',
      `${ctx.mainCfPath} on ${ctx.input.serverName} changed while the push was running; nothing was swapped. Push again.`,
    );

  await ctx.files.makeDir(`${dir}/backup`);
  ctx.backups.mainCf = `${dir}/backup/main.cf.${id}`;
  await ctx.files.install(ctx.mainCfPath, ctx.backups.mainCf, live.mainCf.mode);
  if (plan.postgreyChanged && live.postgreyDefaults) {
    ctx.backups.postgrey = `${dir}/backup/postgrey.${id}`;
    await ctx.files.install(
      POSTGREY_DEFAULTS_FILE,
      ctx.backups.postgrey,
      live.postgreyDefaults.mode,
    );
  }
  await ctx.files.install(`${stage}/state.json`, `${dir}/${PENDING_STATE_FILE}`, 0o644);

  await ctx.files.install(`${stage}/conf/main.cf`, ctx.tempMainCf, live.mainCf.mode);
  ctx.swapped = true;
  await ctx.files.rename(ctx.tempMainCf, ctx.mainCfPath);
  if (plan.postgreyChanged) {
    const temp = tempPostgreyDefaults(id);
    await ctx.files.install(
      `${stage}/postgrey.defaults`,
      temp,
      live.postgreyDefaults?.mode ?? 0o644,
    );
    await ctx.files.rename(temp, POSTGREY_DEFAULTS_FILE);
  }
  return `main.cf${plan.postgreyChanged ? ' and /etc/default/postgrey' : ''} replaced (previous kept in ${dir}/backup)`;
}
