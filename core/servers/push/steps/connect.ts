// Step "connect": a dedicated SSH connection (host key verified as for every call), and the rights
// a push needs as root — said precisely, with the sudoers line, when something is missing.
// Runtime: Node.

import { AppError } from '../../../app/result';
import { detectPrivilege, detectPushPrivilege } from '../../ssh/privilege';
import type { PushContext } from '../context';
import { POSTGREY_DEFAULTS_FILE } from '../postgrey-defaults';
import { acquireServerLock } from '../server-lock';

export const tempPostgreyDefaults = (pushId: string) =>
  `${POSTGREY_DEFAULTS_FILE.replace(/[^/]+$/, '')}.postgrey.mxwarden-${pushId}`;

export async function connectStep(ctx: PushContext): Promise<string> {
  const session = await ctx.input.connect();
  const privilege = await detectPrivilege(session);
  const push = await detectPushPrivilege(session, privilege);
  if (push.missing.length) {
    session.close();
    throw new AppError(
      'PERMISSION_DENIED',
      `${privilege.user} on ${ctx.input.serverName} may not run what a push needs as root (${push.missing.join(', ')}).` +
        (push.sudoersLine ? ` Add this line with visudo on the server: ${push.sudoersLine}` : ''),
      { missing: push.missing, sudoersLine: push.sudoersLine },
    );
  }
  const configDirectory = (
    await session.run([`${privilege.commandDirectory}/postconf`, '-h', 'config_directory'])
  ).trim();
  if (`${configDirectory}/mxwarden` !== ctx.managedDirectory) {
    session.close();
    throw new AppError(
      'CONFLICT',
      `${ctx.input.serverName}'s Postfix now reads its configuration from ${configDirectory}, not what the last inspection found: inspect it again, then push.`,
    );
  }
  ctx.configDirectory = configDirectory;
  ctx.attach(session, privilege, push, [
    ctx.mainCfPath,
    ctx.tempMainCf,
    POSTGREY_DEFAULTS_FILE,
    tempPostgreyDefaults(ctx.input.pushId),
  ]);
  return `as ${privilege.user}${privilege.mode === 'sudo' ? ' (sudo)' : privilege.mode === 'root' ? ' (root)' : ''}`;
}

export async function lockStep(ctx: PushContext): Promise<string> {
  await ctx.files.makeDir(ctx.managedDirectory);
  ctx.lock = await acquireServerLock(ctx.session, ctx.push.tools, ctx.managedDirectory, {
    pushId: ctx.input.pushId,
    actor: ctx.input.actor,
    workstation: ctx.input.workstation,
    since: ctx.input.now(),
  });
  return 'holding the server’s push lock';
}
