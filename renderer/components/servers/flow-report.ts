// Notifications that sum up a test or an inspection started from the list, naming each server
// that still failed and why. Pure: returns the notices, the caller shows them.

import type { Notice } from '../../state/notifications';
import { codeWords, isHostKeyRefusal } from './server-text';
import type { FlowOperation, FlowResult, FlowTarget } from './use-connect-flow';

type NoticeInput = Omit<Notice, 'id'>;

export function flowNotices(
  operation: FlowOperation,
  targets: FlowTarget[],
  result: FlowResult,
): NoticeInput[] {
  const nameOf = (id: number) => targets.find((t) => t.id === id)?.name ?? `server ${id}`;
  const notices: NoticeInput[] = [];
  const failed = [...result.failed.values()];
  if (operation === 'test') {
    for (const t of result.tested.values()) {
      const name = nameOf(t.id);
      const p = t.privilege;
      notices.push(
        p.mode === 'none'
          ? {
              kind: 'warning',
              title: `${name} answers, but without rights`,
              message: `${p.user} is neither root nor allowed the Postfix tools through sudo: the server's page shows the sudoers line to add.`,
            }
          : {
              kind: 'success',
              title: `${name} is reachable`,
              message: `Logged in as ${p.user}${p.mode === 'sudo' ? ', with sudo for the Postfix tools,' : ''} in ${(t.durationMs / 1000).toFixed(1)} s.`,
            },
      );
    }
  } else if (result.inspected.size > 0) {
    const total = result.inspected.size + failed.length;
    notices.push({
      kind: failed.length ? 'warning' : 'success',
      title: `Inspected ${result.inspected.size} of ${total} ${total === 1 ? 'server' : 'servers'}`,
    });
  }
  for (const { server, error } of failed) {
    // A refused host key has its own red panel on the page; a toast would only repeat it.
    if (isHostKeyRefusal(error.code)) continue;
    notices.push(
      // The admin just declined these: say what state it leaves, not the question again.
      error.code === 'HOST_KEY_UNKNOWN'
        ? {
            kind: 'warning',
            title: `${server.name}: host key not accepted`,
            message:
              'Nothing was pinned and nothing was sent. Test again once you have compared the fingerprint.',
          }
        : error.code === 'PASSPHRASE_REQUIRED'
          ? {
              kind: 'warning',
              title: `${server.name}: not connected`,
              message: 'No passphrase was given for its key.',
            }
          : {
              kind: 'error',
              title: `${server.name}: ${codeWords(error.code)}`,
              message: error.message,
            },
    );
  }
  return notices;
}
