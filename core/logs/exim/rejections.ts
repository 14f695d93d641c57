// Where Exim's refusals become events — the lines its main log and its reject log share:
//   H=host [1.2.3.4]:port F=<s> rejected RCPT <r>: text       (temporarily rejected: a defer)
//   H=… rejected connection in "connect" ACL: "text"           H=… dropped by 'connect' ACL: text
//   H=… sender verify fail for <s>: text
//   dovecot_login authenticator failed for (helo) [1.2.3.4]:port: 535 … (set_id=user)
//   SMTP protocol synchronization error (…): rejected connection from H=[1.2.3.4]:port …
//   SMTP protocol error in "AUTH LOGIN" H=… ·  SMTP call from … dropped: too many …
// Runtime: pure.

import { event } from '../build';
import { classifyReply } from '../classify';
import type { LineHeader, LogEvent, ProtocolViolationEvent, VerdictEvent } from '../events';
import { unbracket } from '../fields';
import { hostAfterH, parseHostInfo, senderField, type HostInfo } from './host-info';

/** The verb of a refusal; what precedes it are the session's fields, what follows its reason. */
const REJECTED =
  /\b(temporarily )?rejected (RCPT|MAIL|connection|EHLO or HELO|EHLO|HELO|after DATA|after MAIL|after RCPT|DATA|VRFY|EXPN|ETRN|by local_scan\(\))(?=[ :])/;
const DROPPED_BY_ACL = /^(.*?)\bdropped by '([a-z_]+)' ACL: (.*)$/s;
const SENDER_VERIFY = /^(.*?)\bsender verify (fail|defer) for <([^>]*)>(?:: (.*))?$/s;
const AUTH = /^(\S+) authenticator failed for (.*?): (\d{3}) (.*?)(?: \(set_id=(.*)\))?$/s;
const SYNC = /^SMTP protocol synchronization error \((.*?)\): rejected (.*)$/s;
const PROTOCOL_ERROR = /^SMTP (?:protocol|syntax) error in "(.*?)" (.*)$/s;
const CALL_DROPPED = /^SMTP call from (.*?) dropped: (.*)$/s;
const INPUT = /(?:^| )(?:next )?input="(.*)"$/s;

const STAGES: Record<string, string> = {
  RCPT: 'RCPT',
  MAIL: 'MAIL',
  connection: 'CONNECT',
  'EHLO or HELO': 'EHLO',
  EHLO: 'EHLO',
  HELO: 'HELO',
  'after DATA': 'DATA',
  'after MAIL': 'MAIL',
  'after RCPT': 'RCPT',
  DATA: 'DATA',
  VRFY: 'VRFY',
  EXPN: 'EXPN',
  ETRN: 'ETRN',
  'by local_scan()': 'DATA',
};

const ACL_STAGES: Record<string, string> = {
  connect: 'CONNECT',
  helo: 'EHLO',
  mail: 'MAIL',
  rcpt: 'RCPT',
  data: 'DATA',
  mime: 'DATA',
  predata: 'DATA',
  not_smtp: 'DATA',
};

const unquote = (s: string) =>
  s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;

function verdict(
  h: LineHeader,
  queueId: string | undefined,
  deferred: boolean,
  stage: string,
  host: HostInfo,
  sender: string | undefined,
  recipient: string | undefined,
  text: string,
): VerdictEvent {
  const reply = unquote(text);
  const c = classifyReply(reply, 'exim');
  return event(h, {
    kind: deferred ? 'defer' : 'reject',
    source: 'exim',
    stage,
    clientName: host.clientName,
    clientAddress: host.clientAddress,
    clientPort: host.clientPort,
    helo: host.helo,
    queueId,
    sender,
    recipient,
    reply,
    reasonClass: c.reasonClass,
    ruleId: c.ruleId,
    list: c.list,
  });
}

function violation(
  h: LineHeader,
  kind: ProtocolViolationEvent['violation'],
  host: HostInfo,
  input: string | undefined,
): ProtocolViolationEvent {
  return event(h, {
    kind: 'protocol.violation',
    violation: kind,
    clientName: host.clientName,
    clientAddress: host.clientAddress,
    clientPort: host.clientPort,
    helo: host.helo,
    input: input || undefined,
  });
}

export function parseEximRejection(
  body: string,
  h: LineHeader,
  queueId: string | undefined,
): LogEvent | undefined {
  let m: RegExpExecArray | null;
  if ((m = SYNC.exec(body))) {
    const why = m[1] as string;
    const kind = /without waiting for greeting/.test(why)
      ? 'pregreet'
      : /pipelining|sent too soon/.test(why)
        ? 'pipelining'
        : 'protocol-error';
    return violation(h, kind, hostAfterH(m[2] as string), INPUT.exec(m[2] as string)?.[1]);
  }
  if ((m = PROTOCOL_ERROR.exec(body)))
    return violation(h, 'protocol-error', hostAfterH(m[2] as string), m[1]);
  if ((m = CALL_DROPPED.exec(body)))
    return violation(h, 'too-many-errors', parseHostInfo(m[1]), m[2]);
  if ((m = AUTH.exec(body))) {
    const host = parseHostInfo(m[2]);
    return event(h, {
      kind: 'auth.failed',
      mechanism: m[1] as string,
      clientName: host.clientName,
      clientAddress: host.clientAddress,
      clientPort: host.clientPort,
      helo: host.helo,
      reason: `${m[3] as string} ${m[4] as string}`,
      username: m[5] || undefined,
    });
  }
  if ((m = SENDER_VERIFY.exec(body))) {
    const host = hostAfterH(m[1] as string);
    return event(h, {
      kind: 'notice',
      level: 'info',
      topic: 'sender-verify',
      text: `sender verify ${m[2] as string} for <${m[3] as string}>${m[4] ? `: ${m[4]}` : ''}`,
      clientName: host.clientName,
      clientAddress: host.clientAddress,
      clientPort: host.clientPort,
      queueId,
    });
  }
  // Found by search, then split by hand: a pattern anchored around a lazy prefix would take
  // quadratic time on a line repeating the verb.
  if ((m = REJECTED.exec(body))) {
    const after = body.slice(m.index + m[0].length);
    const colon = after.indexOf(': ');
    if (colon >= 0) {
      const prefix = body.slice(0, m.index);
      const stage = STAGES[m[2] as string] ?? (m[2] as string);
      const arg = after.slice(0, colon).trim() || undefined;
      let host = hostAfterH(prefix);
      if (host.clientAddress === undefined && arg?.startsWith('from '))
        host = parseHostInfo(arg.slice(5));
      const from = senderField(prefix);
      const sender =
        from !== undefined ? unbracket(from) : stage === 'MAIL' && arg ? unbracket(arg) : undefined;
      const recipient = stage === 'RCPT' && arg ? unbracket(arg) : undefined;
      const text = after.slice(colon + 2);
      return verdict(h, queueId, !!m[1], stage, host, sender, recipient, text);
    }
  }
  if ((m = DROPPED_BY_ACL.exec(body))) {
    const stage = ACL_STAGES[m[2] as string] ?? (m[2] as string).toUpperCase();
    const host = hostAfterH(m[1] as string);
    return verdict(h, queueId, false, stage, host, undefined, undefined, m[3] as string);
  }
  return undefined;
}
