// Refusals of a host key, worded like OpenSSH so admins recognise them, plus what to do.
// Runtime: pure.

import { AppError } from '../../app/result';
import { keyTypeLabel, type HostKey } from './host-key';
import { hostEntryName, type KnownHostsEntry } from './known-hosts';

export interface HostKeyContext {
  /** The server's name in mxwarden, for the first sentence. */
  server: string;
  host: string;
  port: number;
  key: HostKey;
  knownHostsFile: string;
}

export function unknownHostKey(c: HostKeyContext, otherTypesKnown: string[]): AppError {
  const name = hostEntryName(c.host, c.port);
  const other = otherTypesKnown.length
    ? ` Keys of other types (${otherTypesKnown.map(keyTypeLabel).join(', ')}) are already known for this host: confirm only if you expected this.`
    : '';
  return new AppError(
    'HOST_KEY_UNKNOWN',
    `The authenticity of ${c.server} (${name}) can't be established. Its ${keyTypeLabel(c.key.type)} key fingerprint is ${c.key.fingerprint}.${other} Compare it with \`ssh-keygen -lf /etc/ssh/ssh_host_${keyTypeLabel(c.key.type).toLowerCase()}_key.pub\` on the server, then accept or refuse it.`,
    {
      host: c.host,
      port: c.port,
      keyType: c.key.type,
      fingerprint: c.key.fingerprint,
      otherTypesKnown,
    },
  );
}

export function changedHostKey(
  c: HostKeyContext,
  offending: KnownHostsEntry[],
  pinnedAt?: number,
): AppError {
  const name = hostEntryName(c.host, c.port);
  const type = keyTypeLabel(c.key.type);
  const where = offending.map((o) => `${o.file}:${o.line}`).join(', ');
  const since = pinnedAt
    ? ` since you accepted it on ${new Date(pinnedAt).toISOString().slice(0, 10)}`
    : '';
  const openssh = [
    '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
    '@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @',
    '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
    'IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!',
    'Someone could be eavesdropping on you right now (man-in-the-middle attack)!',
    'It is also possible that a host key has just been changed.',
    `The fingerprint for the ${type} key sent by the remote host is`,
    `${c.key.fingerprint}.`,
    ...offending.map((o) => `Offending ${keyTypeLabel(o.type)} key in ${o.file}:${o.line}`),
    `Host key for ${name} has changed and you have requested strict checking.`,
    'Host key verification failed.',
  ].join('\n');
  return new AppError(
    'HOST_KEY_CHANGED',
    `REMOTE HOST IDENTIFICATION HAS CHANGED for ${c.server} (${name})${since}: it sent a ${type} key with fingerprint ${c.key.fingerprint}, not the one pinned in ${where}. Someone could be eavesdropping (man-in-the-middle), or the key was replaced. Host key verification failed; nothing was sent. If the change is expected, remove the old key (ssh-keygen -f ${c.knownHostsFile} -R '${name}') and connect again.`,
    {
      host: c.host,
      port: c.port,
      keyType: c.key.type,
      fingerprint: c.key.fingerprint,
      offending: offending.map((o) => ({ file: o.file, line: o.line })),
      openssh,
    },
  );
}

export function revokedHostKey(c: HostKeyContext, entry: KnownHostsEntry): AppError {
  const name = hostEntryName(c.host, c.port);
  const type = keyTypeLabel(c.key.type);
  return new AppError(
    'HOST_KEY_REVOKED',
    `WARNING: REVOKED HOST KEY DETECTED for ${c.server} (${name}). Its ${type} key ${c.key.fingerprint} is marked as revoked in ${entry.file}:${entry.line}. This could mean that a stolen key is being used to impersonate this host. Host key verification failed; nothing was sent.`,
    {
      host: c.host,
      port: c.port,
      keyType: c.key.type,
      fingerprint: c.key.fingerprint,
      revokedAt: { file: entry.file, line: entry.line },
    },
  );
}
