// Step "stage": everything the new configuration needs is written beside the running one, which
// stays untouched. The files go by SFTP into a staging directory the login account owns (under the
// managed directory, so the final rename never crosses a file system), together with a copy of
// main.cf and master.cf edited with `postconf -c` and, when postgrey's options change, the new
// /etc/default/postgrey. Then the staging directory is handed to root, maps that need it are
// built with postmap, and each new version directory is renamed into place — not yet named by
// main.cf, so Postfix does not see it. Runtime: Node.

import { serializeManagedState } from '../managed-state';
import type { PushContext } from '../context';
import { rewritePostgreyDefaults } from '../postgrey-defaults';

export async function stageStep(ctx: PushContext): Promise<string> {
  const { plan, live, placed, nextState } = ctx;
  if (!plan || !live || !placed || !nextState) throw new Error('stage before plan');
  const s = ctx.session;
  const stage = ctx.stagePath;
  ctx.stageDir = stage;
  const group = (await s.run(['id', '-gn'])).trim();
  const owner = `${ctx.privilege.user}:${group}`;
  await ctx.files.makeDir(stage, owner);
  await ctx.files.makeDir(`${stage}/conf`, owner);

  let bytes = 0;
  for (const d of plan.newDirs) {
    await ctx.files.makeDir(`${stage}/${d.name}`, owner);
    for (const f of d.files) {
      await s.writeFile(`${stage}/${d.name}/${f.name}`, f.content, f.mode);
      bytes += Buffer.byteLength(f.content);
    }
  }

  // main.cf as it is now, edited the way an admin would: postconf -c on the copy.
  await s.writeFile(`${stage}/conf/main.cf`, live.mainCf.text, 0o644);
  const master = await s.readFile(`${ctx.configDirectory}/master.cf`);
  if (master) await s.writeFile(`${stage}/conf/master.cf`, master, 0o644);
  const set = plan.settings.filter((x) => x.value !== undefined);
  const unset = plan.settings.filter((x) => x.value === undefined);
  if (set.length)
    await s.run([
      ctx.tool('postconf'),
      '-c',
      `${stage}/conf`,
      '-e',
      ...set.map((x) => `${x.name}=${x.value}`),
    ]);
  if (unset.length)
    await s.run([ctx.tool('postconf'), '-c', `${stage}/conf`, '-X', ...unset.map((x) => x.name)]);

  if (plan.postgreyChanged && placed.postgrey) {
    const text = rewritePostgreyDefaults(
      live.postgreyDefaults?.text ?? '',
      placed.postgrey.options,
    );
    await s.writeFile(`${stage}/postgrey.defaults`, text, 0o644);
  }
  await s.writeFile(`${stage}/state.json`, serializeManagedState(nextState), 0o644);

  await ctx.files.chownRoot(stage);
  for (const d of plan.newDirs)
    for (const f of d.files)
      if (f.postmap)
        await s.run([ctx.tool('postmap'), `${f.postmap}:${stage}/${d.name}/${f.name}`], {
          privileged: true,
        });

  for (const d of plan.newDirs) {
    const target = `${ctx.managedDirectory}/${d.name}`;
    if (plan.damagedDirs.includes(d.name)) {
      // Someone edited files of this directory and the admin agreed to overwrite: set it aside.
      const aside = `${ctx.managedDirectory}/.damaged-${ctx.input.pushId}-${d.name}`;
      await ctx.files.rename(target, aside);
      ctx.setAside.push(aside);
    }
    await ctx.files.rename(`${stage}/${d.name}`, target);
    ctx.createdDirs.push(d.name);
  }
  const files = plan.newDirs.reduce((n, d) => n + d.files.length, 0);
  return `${files} file${files === 1 ? '' : 's'} (${(bytes / 1024).toFixed(1)} KiB), main.cf with ${plan.settings.length} change${plan.settings.length === 1 ? '' : 's'}${plan.postgreyChanged ? ", postgrey's options" : ''}`;
}
