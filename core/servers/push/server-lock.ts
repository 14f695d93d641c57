// One push at a time per server, whoever starts it (another window, the CLI, a colleague's
// workstation): `flock -n` on a lock file in the managed directory, held by a process that lives
// exactly as long as our SSH channel — when the push ends, or its connection dies, the lock is
// released by the kernel, so there is never a stale lock to clean up. While it holds the lock,
// `tee` writes who holds it into a second file, which a refused push reads to say so.
// Runtime: Node.

import { AppError } from '../../app/result';
import type { RunningCommand, SshSession } from '../ssh/session';
import type { PushPrivilege } from '../ssh/privilege';

/** flock's exit code when the lock is taken (-E). */
const BUSY = 75;

export interface LockHolder {
  pushId: string;
  actor: string;
  workstation: string;
  since: number;
}

export interface ServerLock {
  release(): void;
}

export const lockPaths = (managedDirectory: string) => ({
  lock: `${managedDirectory}/.push.lock`,
  holder: `${managedDirectory}/.push.holder`,
});

async function readHolder(session: SshSession, file: string): Promise<LockHolder | undefined> {
  try {
    const text = (await session.readFile(file))?.toString('utf8').split('\n')[0];
    return text ? (JSON.parse(text) as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

export async function acquireServerLock(
  session: SshSession,
  tools: PushPrivilege['tools'],
  managedDirectory: string,
  me: LockHolder,
  timeoutMs = 15_000,
): Promise<ServerLock> {
  const paths = lockPaths(managedDirectory);
  const cmd: RunningCommand = await session.start(
    [tools.flock, '-n', '-E', String(BUSY), paths.lock, 'tee', paths.holder],
    { privileged: true },
  );
  const line = JSON.stringify(me);
  cmd.write(`${line}\n`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // tee echoes what it wrote: seeing our line back means flock let it run, i.e. we hold the lock.
    if (cmd.output().includes(line)) return { release: () => cmd.close() };
    const waited = await Promise.race([
      cmd.changed().then(() => 'changed' as const),
      cmd.exited.then(() => 'exited' as const),
      new Promise<'timeout'>((r) =>
        setTimeout(() => r('timeout'), Math.max(0, deadline - Date.now())),
      ),
    ]);
    if (waited === 'exited' && !cmd.output().includes(line)) {
      const { code } = await cmd.exited;
      if (code === BUSY) {
        const holder = await readHolder(session, paths.holder);
        throw new AppError(
          'CONFLICT',
          holder
            ? `${session.server} is being pushed by ${holder.actor} on ${holder.workstation} since ${new Date(holder.since).toISOString()} (push ${holder.pushId}). Wait for it to finish, then push again.`
            : `Another push holds ${session.server}'s lock. Wait for it to finish, then push again.`,
          { holder },
        );
      }
      throw new AppError(
        'COMMAND_FAILED',
        `Could not take the push lock on ${session.server} (exit ${code}): ${cmd.output().trim() || 'no output'}`,
      );
    }
    if (waited === 'timeout') {
      cmd.close();
      throw new AppError(
        'TIMEOUT',
        `Taking the push lock on ${session.server} did not answer in time.`,
      );
    }
  }
}
