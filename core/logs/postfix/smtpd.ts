// Where a Postfix smtpd line becomes an event: connect and disconnect (with its command
// counts), the `client=` line of an accepted message, rejections and the other access actions
// (postfix/verdict.ts), lost connections and timeouts, pipelining and non-SMTP clients, SASL
// failures, reverse-DNS warnings and anvil's rate limits. Runtime: pure.

import { event } from '../build';
import type { CommandCount, LineHeader, LogEvent, ProtocolViolationEvent } from '../events';
import { addressOf, CLIENT, nameOf, portOf, QUEUE_ID } from '../fields';
import { parseVerdict } from './verdict';

const CONNECT = new RegExp(String.raw`^connect from ${CLIENT}$`);
const DISCONNECT = new RegExp(String.raw`^disconnect from ${CLIENT}(?: (.*))?$`);
const LOST = new RegExp(
  String.raw`^(?:${QUEUE_ID}: )?(lost connection|timeout|too many errors) after (\S+)(?: \(\d+ bytes\))? from ${CLIENT}$`,
);
const ACCEPTED = new RegExp(String.raw`^(${QUEUE_ID}): client=${CLIENT}(?:, (.*))?$`);
const PIPELINING = new RegExp(
  String.raw`^improper command pipelining after (\S+) from ${CLIENT}:?(?: (.*))?$`,
  's',
);
const BARE_LF = new RegExp(String.raw`^bare <LF> received after (\S+) from ${CLIENT}$`);
const NON_SMTP = new RegExp(String.raw`^warning: non-SMTP command from ${CLIENT}: (.*)$`, 's');
const SASL = new RegExp(
  String.raw`^warning: ${CLIENT}: SASL (\S+) authentication failed:?(?: (.*?))?(?:, sasl_username=(.*))?$`,
);
const NOT_RESOLVING = /^warning: hostname (\S+) does not resolve to address (\S+?)(?:: (.*))?$/;
const VERIFY_FAILED = /^warning: (\S+?): hostname (\S+) verification failed: (.*)$/;
const NOT_LISTED = /^warning: (\S+?): address not listed for hostname (\S+)$/;
const LIMIT = new RegExp(
  String.raw`^warning: ([A-Za-z][A-Za-z ]*?) limit exceeded: (\d+) from ${CLIENT} for service (\S+)$`,
);
const TLS =
  /^(?:Anonymous|Untrusted|Trusted|Verified) TLS connection established from |^SSL_accept error from |^TLS library problem/;
/** Informational lines of the SMTP session: EHLO keywords hidden, the after-queue proxy's accept. */
const SESSION_INFO = /^(?:discarding EHLO keywords: |proxy-accept: )/;

const COUNT = /([a-z]+)=(\d+)(?:\/(\d+))?/g;
const SASL_USERNAME = /(?:^|, )sasl_username=([^,]*)/;

function disconnect(h: LineHeader, m: RegExpExecArray): LogEvent {
  const e = event(h, {
    kind: 'disconnect',
    clientName: nameOf(m[1]),
    clientAddress: addressOf(m[2]),
    clientPort: portOf(m[3]),
    commands: undefined as Record<string, CommandCount> | undefined,
    commandsOk: undefined as number | undefined,
    commandsTotal: undefined as number | undefined,
  });
  const counts = m[4];
  if (!counts) return e;
  const commands: Record<string, CommandCount> = {};
  for (const c of counts.matchAll(COUNT)) {
    const ok = Number(c[2]);
    const total = c[3] !== undefined ? Number(c[3]) : ok;
    if (c[1] === 'commands') {
      e.commandsOk = ok;
      e.commandsTotal = total;
    } else commands[c[1] as string] = { ok, total };
  }
  e.commands = commands;
  return e;
}

function violation(
  h: LineHeader,
  kind: ProtocolViolationEvent['violation'],
  after: string | undefined,
  m: RegExpExecArray,
  at: number,
  input: string | undefined,
): ProtocolViolationEvent {
  return event(h, {
    kind: 'protocol.violation',
    violation: kind,
    after,
    clientName: nameOf(m[at]),
    clientAddress: addressOf(m[at + 1]),
    clientPort: portOf(m[at + 2]),
    input: input || undefined,
  });
}

export function parseSmtpd(body: string, h: LineHeader): LogEvent | undefined {
  const c0 = body.charCodeAt(0);
  let m: RegExpExecArray | null;
  if (c0 === 99 /* c */ && (m = CONNECT.exec(body))) {
    return event(h, {
      kind: 'connect',
      clientName: nameOf(m[1]),
      clientAddress: addressOf(m[2]),
      clientPort: portOf(m[3]),
    });
  }
  if (c0 === 100 /* d */ && (m = DISCONNECT.exec(body))) return disconnect(h, m);
  const verdict = parseVerdict(body, h, 'smtpd');
  if (verdict) return verdict;
  if ((m = ACCEPTED.exec(body))) {
    const user = m[5] ? SASL_USERNAME.exec(m[5]) : null;
    return event(h, {
      kind: 'message.accepted',
      queueId: m[1] as string,
      clientName: nameOf(m[2]),
      clientAddress: addressOf(m[3]),
      clientPort: portOf(m[4]),
      saslUsername: user ? user[1] : undefined,
    });
  }
  if ((m = LOST.exec(body))) {
    const cond =
      m[1] === 'timeout' ? 'timeout' : m[1] === 'lost connection' ? 'lost' : 'too-many-errors';
    return event(h, {
      kind: 'connection.lost',
      condition: cond,
      after: m[2] as string,
      clientName: nameOf(m[3]),
      clientAddress: addressOf(m[4]),
      clientPort: portOf(m[5]),
    });
  }
  if ((m = PIPELINING.exec(body))) return violation(h, 'pipelining', m[1], m, 2, m[5]);
  if ((m = BARE_LF.exec(body))) return violation(h, 'bare-newline', m[1], m, 2, undefined);
  if (c0 === 119 /* w */ && body.startsWith('warning: ')) return smtpdWarning(body, h);
  if (TLS.test(body)) return event(h, { kind: 'notice', level: 'info', topic: 'tls', text: body });
  if (SESSION_INFO.test(body))
    return event(h, { kind: 'notice', level: 'info', topic: 'smtpd', text: body });
  return undefined;
}

function smtpdWarning(body: string, h: LineHeader): LogEvent | undefined {
  let m: RegExpExecArray | null;
  if ((m = SASL.exec(body))) {
    return event(h, {
      kind: 'auth.failed',
      clientName: nameOf(m[1]),
      clientAddress: addressOf(m[2]),
      clientPort: portOf(m[3]),
      mechanism: m[4] as string,
      reason: m[5] || undefined,
      username: m[6] || undefined,
    });
  }
  if ((m = NON_SMTP.exec(body))) return violation(h, 'non-smtp-command', undefined, m, 1, m[4]);
  if ((m = NOT_RESOLVING.exec(body))) {
    return event(h, {
      kind: 'rdns.warning',
      problem: 'name-not-resolving',
      clientAddress: m[2] as string,
      claimedName: m[1] as string,
      detail: m[3],
    });
  }
  if ((m = VERIFY_FAILED.exec(body))) {
    return event(h, {
      kind: 'rdns.warning',
      problem: 'name-not-resolving',
      clientAddress: m[1] as string,
      claimedName: m[2] as string,
      detail: m[3] as string,
    });
  }
  if ((m = NOT_LISTED.exec(body))) {
    return event(h, {
      kind: 'rdns.warning',
      problem: 'address-mismatch',
      clientAddress: m[1] as string,
      claimedName: m[2] as string,
    });
  }
  if ((m = LIMIT.exec(body))) {
    return event(h, {
      kind: 'limit.exceeded',
      limit: m[1] as string,
      count: Number(m[2]),
      clientName: nameOf(m[3]),
      clientAddress: addressOf(m[4]),
      clientPort: portOf(m[5]),
      service: m[6] as string,
    });
  }
  return undefined;
}
