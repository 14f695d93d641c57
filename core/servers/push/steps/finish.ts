// The end of a server's push: "record" makes the pending record the server's state; "rollback"
// puts the previous main.cf (and /etc/default/postgrey) back by the same atomic rename, reloads,
// and verifies again; "cleanup" removes what this push staged and, when it landed, version
// directories and backups no longer needed (the current and the previous configuration stay).
// Runtime: Node.

import { AppError } from '../../../app/result';
import type { PushContext } from '../context';
import { markLog } from '../log-check';
import { PENDING_STATE_FILE, STATE_FILE } from '../managed-state';
import { VERSION_DIR } from '../placement';
import { POSTGREY_DEFAULTS_FILE } from '../postgrey-defaults';
import { tempPostgreyDefaults } from './connect';
import { restartPostgrey, verifyServer } from './reload';

const KEEP_BACKUPS = 10;

export async function recordStep(ctx: PushContext): Promise<string> {
  const dir = ctx.managedDirectory;
  await ctx.files.rename(`${dir}/${PENDING_STATE_FILE}`, `${dir}/${STATE_FILE}`);
  return `${dir}/${STATE_FILE} records push ${ctx.input.pushId}`;
}

export async function rollbackStep(ctx: PushContext): Promise<string> {
  const id = ctx.input.pushId;
  const done: string[] = [];
  if (ctx.swapped) {
    if (!ctx.backups.mainCf) throw new Error('swapped without a backup of main.cf');
    await ctx.files.install(ctx.backups.mainCf, ctx.tempMainCf, ctx.live?.mainCf.mode ?? 0o644);
    await ctx.files.rename(ctx.tempMainCf, ctx.mainCfPath);
    done.push('main.cf restored');
    if (ctx.backups.postgrey) {
      const temp = tempPostgreyDefaults(id);
      await ctx.files.install(
        ctx.backups.postgrey,
        temp,
        ctx.live?.postgreyDefaults?.mode ?? 0o644,
      );
      await ctx.files.rename(temp, POSTGREY_DEFAULTS_FILE);
      done.push('/etc/default/postgrey restored');
    }
  }
  await ctx.files.remove(`${ctx.managedDirectory}/${PENDING_STATE_FILE}`);
  let mark = await markLog(ctx.session, ctx.input.logSource);
  const reload = await ctx.session.exec([ctx.tool('postfix'), 'reload'], { privileged: true });
  if (reload.code !== 0) {
    // Its own complaint ("fatal: the Postfix mail system is not running") is not the new
    // configuration failing: judge the log from the start on.
    mark = await markLog(ctx.session, ctx.input.logSource);
    // The failure may have been Postfix stopping: bring it back on the restored configuration.
    const start = await ctx.session.exec([ctx.tool('postfix'), 'start'], {
      privileged: true,
      timeoutMs: 60_000,
    });
    if (start.code !== 0)
      throw new AppError(
        'COMMAND_FAILED',
        `Postfix could neither reload nor start on ${ctx.input.serverName} with the restored configuration.`,
        {
          output: `${reload.stderr}\n${start.stderr}`.trim(),
        },
      );
    done.push('postfix started');
  } else done.push('postfix reloaded');
  if (ctx.postgreyRestarted || ctx.backups.postgrey) {
    await restartPostgrey(ctx);
    done.push('postgrey restarted');
  }
  await restoreSetAside(ctx);
  const verified = await verifyServer(ctx, mark);
  return `${done.join(', ')}; ${verified}`;
}

/** Directories set aside to make room go back when the new ones do not land. */
async function restoreSetAside(ctx: PushContext): Promise<void> {
  for (const aside of ctx.setAside) {
    const name =
      aside
        .split('/')
        .pop()
        ?.replace(/^\.damaged-.+?-(postfix|postgrey)-/, '$1-') ?? '';
    if (!VERSION_DIR.test(name)) continue;
    await ctx.files.remove(`${ctx.managedDirectory}/${name}`);
    await ctx.files.rename(aside, `${ctx.managedDirectory}/${name}`);
    ctx.createdDirs = ctx.createdDirs.filter((d) => d !== name);
  }
  ctx.setAside = [];
}

export async function cleanupStep(ctx: PushContext, landed: boolean): Promise<string> {
  const dir = ctx.managedDirectory;
  const removed: string[] = [];
  if (ctx.stageDir) {
    await ctx.files.remove(ctx.stageDir);
    removed.push('staging');
  }
  if (!landed) {
    await restoreSetAside(ctx);
    for (const d of ctx.createdDirs) await ctx.files.remove(`${dir}/${d}`);
    if (ctx.createdDirs.length)
      removed.push(`${ctx.createdDirs.length} unused version directories`);
    return removed.length ? `removed ${removed.join(', ')}` : 'nothing to remove';
  }
  for (const aside of ctx.setAside) await ctx.files.remove(aside);
  // Keep the configuration now in place and the one before it (what a rollback points back to).
  const keep = new Set([
    ...(ctx.nextState?.dirs.map((d) => d.name) ?? []),
    ...(ctx.live?.state?.dirs.map((d) => d.name) ?? []),
  ]);
  const entries = await ctx.session.listDir(dir);
  let pruned = 0;
  for (const e of entries) {
    const old = VERSION_DIR.test(e) && !keep.has(e);
    const leftover = /^\.(stage|damaged)-/.test(e);
    if (old || leftover) {
      await ctx.files.remove(`${dir}/${e}`);
      pruned++;
    }
  }
  const backups = (await ctx.session.listDir(`${dir}/backup`)).sort();
  for (const kind of ['main.cf.', 'postgrey.']) {
    const mine = backups.filter((b) => b.startsWith(kind));
    for (const b of mine.slice(0, Math.max(0, mine.length - KEEP_BACKUPS))) {
      await ctx.files.remove(`${dir}/backup/${b}`);
      pruned++;
    }
  }
  return `removed staging${pruned ? ` and ${pruned} old entries` : ''}`;
}
