// Where the rest of what Postfix says becomes a notice: its leveled messages (`warning:`,
// `error:`, `fatal:`, `panic:` — every daemon's msg_warn and friends), master's start, reload
// and stop, postfix-script, anvil's and scache's statistics, cache cleanups, TLS sessions and
// tlsproxy's connections. Recognised, so not "unknown"; of no weight for rejection statistics.
// Runtime: pure.

import { event } from '../build';
import type { LineHeader, NoticeEvent } from '../events';
import { addressOf, portOf } from '../fields';

const LEVEL = /^(warning|error|fatal|panic): (.*)$/s;
const MASTER =
  /^(?:daemon started -- |reload -- |terminating on signal |master exit time has arrived|daemon started|stopping the Postfix|starting the Postfix)/;
const SCRIPT = /the Postfix mail system|^(?:starting|stopping|refreshing) the Postfix/;
const CACHE = /^cache \S+ (?:full|partial) cleanup: retained=\d+ dropped=\d+ entr(?:y|ies)$/;
const TLS =
  /^(?:Anonymous|Untrusted|Trusted|Verified) TLS connection established (?:from|to) |^SSL_(?:accept|connect) error (?:from|to) |^certificate verification failed for |^TLS library problem|^(?:setting up|Server certificate could not be verified)/;
const TLSPROXY = /^(?:CONNECT from|DISCONNECT) \[([^\]\s]*)\]:(\d{1,5})$/;

function notice(
  h: LineHeader,
  level: NoticeEvent['level'],
  topic: string,
  text: string,
): NoticeEvent {
  return event(h, { kind: 'notice', level, topic, text });
}

export function parsePostfixNotice(
  body: string,
  daemon: string,
  h: LineHeader,
): NoticeEvent | undefined {
  const lv = LEVEL.exec(body);
  if (lv) return notice(h, lv[1] as NoticeEvent['level'], daemon, lv[2] as string);
  if (body.startsWith('statistics: ')) return notice(h, 'info', 'statistics', body.slice(12));
  if (daemon === 'master' && MASTER.test(body)) return notice(h, 'info', 'master', body);
  if (daemon === 'postfix-script' && SCRIPT.test(body)) return notice(h, 'info', daemon, body);
  if (CACHE.test(body)) return notice(h, 'info', 'cache', body);
  if (TLS.test(body)) return notice(h, 'info', 'tls', body);
  if (daemon === 'tlsproxy') {
    const m = TLSPROXY.exec(body);
    if (m) {
      return event(h, {
        kind: 'notice',
        level: 'info',
        topic: 'tlsproxy',
        text: body,
        clientAddress: addressOf(m[1]),
        clientPort: portOf(m[2]),
      });
    }
  }
  return undefined;
}
