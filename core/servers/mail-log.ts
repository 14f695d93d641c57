// Where a Postfix server's mail log is: Postfix's own maillog_file (postlogd, Postfix ≥ 3.4),
// else the syslog file Debian (/var/log/mail.log) or Red Hat (/var/log/maillog) write, else
// the journal. Used by the inspection and by the log tail of servers not inspected yet.
// Runtime: Node.

import type { ServerInspection } from '../app/types/servers';
import type { SshSession } from './ssh/session';

export async function findMailLog(
  session: SshSession,
  maillogFile: string | undefined,
): Promise<ServerInspection['log']> {
  const maillog = maillogFile?.trim();
  // /dev/stdout is a container's log: not a file we can follow.
  if (maillog && maillog.startsWith('/') && !maillog.startsWith('/dev/'))
    return { kind: 'file', path: maillog };
  for (const candidate of ['/var/log/mail.log', '/var/log/maillog']) {
    if ((await session.exec(['test', '-f', candidate])).code === 0)
      return { kind: 'file', path: candidate };
  }
  if ((await session.exec(['sh', '-c', 'command -v journalctl'])).code === 0)
    return { kind: 'journald' };
  return { kind: 'unknown' };
}
