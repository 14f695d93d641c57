// Which Postfix parser reads a line: the daemon is the last part of the syslog tag, whatever
// its syslog_name says before it ('postfix/smtpd', 'postfix-in/smtpd' for a second instance,
// 'postfix/submission/smtpd' for a master.cf service). Lines no daemon parser knows get a last
// chance as a leveled message, a delivery or a queue line. Runtime: pure.

import type { LineHeader, LogEvent } from '../events';
import { parsePolicydWeight } from '../policy/policyd-weight';
import { parseCleanupContent } from './cleanup';
import { parseDeliveryAgent, parseDeliveryLine } from './delivery';
import { parseDnsblog } from './dnsblog';
import { parsePostfixNotice } from './notices';
import { parsePostscreen } from './postscreen';
import { parseQueue } from './queue';
import { parseSmtpd } from './smtpd';
import { parseVerdict } from './verdict';

const DAEMONS = new Set([
  'anvil',
  'bounce',
  'cleanup',
  'defer',
  'discard',
  'dnsblog',
  'error',
  'flush',
  'lmtp',
  'local',
  'master',
  'oqmgr',
  'pickup',
  'pipe',
  'policyd-weight',
  'postdrop',
  'postfix-script',
  'postlogd',
  'postmap',
  'postmulti',
  'postqueue',
  'postscreen',
  'postsuper',
  'proxymap',
  'qmgr',
  'qmqpd',
  'retry',
  'scache',
  'script',
  'sendmail',
  'showq',
  'smtp',
  'smtpd',
  'spawn',
  'tlsmgr',
  'tlsproxy',
  'trace',
  'trivial-rewrite',
  'verify',
  'virtual',
]);

const DELIVERY_AGENTS = new Set([
  'smtp',
  'lmtp',
  'local',
  'virtual',
  'pipe',
  'error',
  'retry',
  'discard',
]);

/** The Postfix daemon a syslog tag names, or undefined when it is no Postfix tag. */
export function postfixDaemon(program: string): string | undefined {
  const slash = program.lastIndexOf('/');
  const last = slash < 0 ? program : program.slice(slash + 1);
  if (!DAEMONS.has(last)) return undefined;
  // A bare daemon name ("smtpd") is Postfix's only when given as such (a corpus of bodies);
  // policyd-weight tags itself postfix/policyd-weight, postgrey never has a slash.
  return last;
}

export interface PostfixOptions {
  allowlistZones?: ReadonlySet<string>;
}

function specific(
  body: string,
  daemon: string,
  h: LineHeader,
  o: PostfixOptions,
): LogEvent | undefined {
  switch (daemon) {
    case 'smtpd':
      return parseSmtpd(body, h);
    case 'postscreen':
      return parsePostscreen(body, h);
    case 'dnsblog':
      return parseDnsblog(body, h, o.allowlistZones);
    case 'cleanup':
      return (
        parseCleanupContent(body, h) ?? parseVerdict(body, h, 'content') ?? parseQueue(body, h)
      );
    case 'qmgr':
    case 'oqmgr':
      return parseQueue(body, h) ?? parseDeliveryLine(body, h);
    case 'pickup':
    case 'postsuper':
    case 'bounce':
    case 'defer':
    case 'trace':
      return parseQueue(body, h);
    case 'policyd-weight':
      return parsePolicydWeight(body, h);
    default:
      return DELIVERY_AGENTS.has(daemon) ? parseDeliveryAgent(body, h) : undefined;
  }
}

export function parsePostfix(
  body: string,
  daemon: string,
  h: LineHeader,
  o: PostfixOptions,
): LogEvent | undefined {
  return (
    specific(body, daemon, h, o) ??
    parsePostfixNotice(body, daemon === 'script' ? 'postfix-script' : daemon, h) ??
    parseDeliveryLine(body, h) ??
    parseQueue(body, h)
  );
}
