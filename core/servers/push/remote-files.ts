// The few file operations a push makes as root on a server, each one fixed argv through
// `sudo -n` (or directly as root): create a directory, install a file with an owner and mode,
// rename (atomic within a file system), remove a tree, hand a tree to root. Paths are checked to
// be where mxwarden may write before anything runs. Runtime: Node.

import type { PushPrivilege } from '../ssh/privilege';
import type { SshSession } from '../ssh/session';

export class RemoteFiles {
  constructor(
    private readonly session: SshSession,
    private readonly tools: PushPrivilege['tools'],
    /** Where writing is allowed: the managed directory, and the exact files named here. */
    private readonly managedDirectory: string,
    private readonly extraFiles: readonly string[],
  ) {}

  private allowed(path: string): string {
    const ok =
      path.startsWith('/') &&
      !path.split('/').includes('..') &&
      (path === this.managedDirectory ||
        path.startsWith(`${this.managedDirectory}/`) ||
        this.extraFiles.includes(path));
    if (!ok) throw new Error(`refusing to write outside mxwarden's paths: ${path}`);
    return path;
  }

  private run(argv: string[], timeoutMs = 60_000): Promise<string> {
    return this.session.run(argv, { privileged: true, timeoutMs });
  }

  /** mkdir -p with a mode, owned by root or by `owner` ("user:group"). */
  makeDir(path: string, owner?: string): Promise<string> {
    const [user, group] = (owner ?? 'root:root').split(':');
    return this.run([
      this.tools.install,
      '-d',
      '-m',
      '0755',
      '-o',
      user ?? 'root',
      '-g',
      group ?? 'root',
      this.allowed(path),
    ]);
  }

  /** A copy owned by root with this mode (the target's directory must exist). */
  install(from: string, to: string, mode: number): Promise<string> {
    return this.run([
      this.tools.install,
      '-m',
      mode.toString(8).padStart(4, '0'),
      '-o',
      'root',
      '-g',
      'root',
      '-T',
      this.allowed(from),
      this.allowed(to),
    ]);
  }

  /** rename(2): atomic when both are on one file system, which mxwarden's paths are. */
  rename(from: string, to: string): Promise<string> {
    return this.run([this.tools.mv, '-f', '-T', this.allowed(from), this.allowed(to)]);
  }

  remove(path: string): Promise<string> {
    const p = this.allowed(path);
    if (p === this.managedDirectory) throw new Error('refusing to remove the managed directory');
    return this.run([this.tools.rm, '-rf', '--', p]);
  }

  chownRoot(path: string): Promise<string> {
    return this.run([this.tools.chown, '-R', 'root:root', '--', this.allowed(path)]);
  }
}
