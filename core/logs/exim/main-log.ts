// Where an Exim main-log line becomes an event: after its optional `[pid]` and message id,
//   <= sender H=… P=esmtp S=size id=msgid        a message arrived (accepted)
//   => / -> recipient R=router T=transport H=…   delivered (-> : another address, same delivery)
//   ** recipient …: error                        bounced ·  == recipient … defer (-44): … deferred
//   Completed                                    the message left the queue
// SMTP sessions (connection from, no MAIL in, lost, timeouts), reverse-DNS warnings and
// operational lines; refusals are in exim/rejections.ts. Runtime: pure.

import { event } from '../build';
import type { DeliveryEvent, LineHeader, LogEvent } from '../events';
import { durationSeconds } from '../fields';
import { hostAfterH, parseHostInfo } from './host-info';
import { parseEximRejection } from './rejections';

const PID = /^\[(\d{1,10})\] /;
const MESSAGE_ID = /^([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}) /;
const ARRIVAL = /^<= (\S+)(?: (.*))?$/s;
const DELIVERY = /^(=>|->|\*>|\*\*|==) (\S+)(?: \(([^)]*)\))?(?: <([^>]*)>)?(?: (.*))?$/s;
const FIELD = /(?:^| )([A-Za-z]{1,3})=("(?:[^"\\]|\\.)*"|\S+)/g;
const CONNECTION = /^SMTP connection from (.*)$/s;
const NO_MAIL = /^no MAIL in SMTP connection from (.*)$/s;
const TIMEOUT =
  /^SMTP (?:command|data) timeout (?:\(message abandoned\) )?on (?:TLS )?connection from (.*)$/s;
const UNEXPECTED = /^unexpected disconnection while reading SMTP command from (.*)$/s;
const NO_NAME = /^no host name found for IP address (\S+)$/;
const NO_ADDRESS = /^no IP address found for host (\S+) \(during SMTP connection from (.*)\)$/s;
const DURATION = / D=(\S+)/;
const OPERATIONAL =
  /^(?:Start queue run|End queue run|exim \S+ daemon started|TLS error on |Spool file is locked|Message is frozen|Frozen|Unfrozen|cwd=|SMTP error from remote mail server|Envelope-(?:from|to): |pid written|LOG: |User \d+ set for|[a-z_]+ transport |Warning: )/;

const STATUS: Record<string, string> = {
  '=>': 'sent',
  '->': 'sent',
  '*>': 'suppressed',
  '**': 'bounced',
  '==': 'deferred',
};

function fieldsOf(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of s.matchAll(FIELD)) {
    const key = f[1] as string;
    if (key in out) continue;
    const v = f[2] as string;
    out[key] = v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1) : v;
  }
  return out;
}

function delivery(h: LineHeader, queueId: string, m: RegExpExecArray): DeliveryEvent {
  const rest = m[5] ?? '';
  const f = fieldsOf(rest);
  const host = hostAfterH(rest);
  const status = STATUS[m[1] as string] as string;
  // Bounces and deferrals end with the reason after the fields.
  const colon = rest.indexOf(': ');
  let response = f.C;
  if (response === undefined && (status === 'bounced' || status === 'deferred') && colon >= 0)
    response = rest.slice(colon + 2);
  return event(h, {
    kind: 'delivery',
    queueId,
    recipient: m[2] as string,
    origRecipient: m[4] ?? m[3],
    status,
    relay:
      host.clientAddress !== undefined
        ? `${host.clientName ?? ''}[${host.clientAddress}]`
        : undefined,
    router: f.R,
    transport: f.T,
    response,
  });
}

function session(body: string, h: LineHeader): LogEvent | undefined {
  let m: RegExpExecArray | null;
  if ((m = CONNECTION.exec(body))) {
    const rest = m[1] as string;
    const host = parseHostInfo(rest);
    if (host.clientAddress === undefined) return undefined;
    const { clientName, clientAddress, clientPort, helo } = host;
    if (/ closed by DROP in ACL\b/.test(rest)) {
      return event(h, {
        kind: 'disconnect',
        clientName,
        clientAddress,
        clientPort,
        helo,
        droppedByAcl: true,
      });
    }
    if (/ closed by (?:QUIT|EOF)|closed after QUIT/.test(rest))
      return event(h, { kind: 'disconnect', clientName, clientAddress, clientPort, helo });
    if (/ lost\b/.test(rest)) {
      return event(h, {
        kind: 'connection.lost',
        condition: 'lost',
        clientName,
        clientAddress,
        clientPort,
      });
    }
    return event(h, { kind: 'connect', clientName, clientAddress, clientPort });
  }
  if ((m = NO_MAIL.exec(body))) {
    const rest = m[1] as string;
    const host = parseHostInfo(rest);
    const d = DURATION.exec(rest);
    return event(h, {
      kind: 'disconnect',
      clientName: host.clientName,
      clientAddress: host.clientAddress,
      clientPort: host.clientPort,
      helo: host.helo,
      noMail: true,
      durationSeconds: d ? durationSeconds(d[1] as string) : undefined,
    });
  }
  const lost = TIMEOUT.exec(body) ?? UNEXPECTED.exec(body);
  if (lost) {
    const host = parseHostInfo(lost[1]);
    return event(h, {
      kind: 'connection.lost',
      condition: lost[0].startsWith('unexpected') ? 'lost' : 'timeout',
      clientName: host.clientName,
      clientAddress: host.clientAddress,
      clientPort: host.clientPort,
    });
  }
  return undefined;
}

/** The body of an Exim main-log or reject-log line (after its timestamp). */
export function parseExim(raw: string, header: LineHeader): LogEvent | undefined {
  let body = raw;
  let h = header;
  const pid = PID.exec(body);
  if (pid) {
    body = body.slice(pid[0].length);
    if (h.pid === undefined)
      h = { time: h.time, host: h.host, program: h.program, pid: Number(pid[1]) };
  }
  let queueId: string | undefined;
  const id = MESSAGE_ID.exec(body);
  if (id) {
    queueId = id[1] as string;
    body = body.slice(id[0].length);
  }
  let m: RegExpExecArray | null;
  if (queueId) {
    if (body === 'Completed') return event(h, { kind: 'message.removed', queueId });
    if ((m = ARRIVAL.exec(body))) {
      const rest = m[2] ?? '';
      const f = fieldsOf(rest);
      const host = hostAfterH(rest);
      const size = f.S !== undefined ? Number(f.S) : NaN;
      return event(h, {
        kind: 'message.accepted',
        queueId,
        clientName: host.clientName,
        clientAddress: host.clientAddress,
        clientPort: host.clientPort,
        helo: host.helo,
        sender: m[1] === '<>' ? '' : (m[1] as string),
        size: Number.isFinite(size) ? size : undefined,
        messageId: f.id ? f.id.replace(/^<|>$/g, '') : undefined,
        protocol: f.P,
        saslUsername: f.A ? f.A.replace(/^[^:]*:/, '') : undefined,
      });
    }
    if ((m = DELIVERY.exec(body))) return delivery(h, queueId, m);
  }
  const s = session(body, h);
  if (s) return s;
  const r = parseEximRejection(body, h, queueId);
  if (r) return r;
  if ((m = NO_NAME.exec(body))) {
    return event(h, {
      kind: 'rdns.warning',
      problem: 'no-name',
      clientAddress: m[1] as string,
    });
  }
  if ((m = NO_ADDRESS.exec(body))) {
    const host = parseHostInfo(m[2]);
    return event(h, {
      kind: 'rdns.warning',
      problem: 'name-not-resolving',
      claimedName: m[1] as string,
      clientAddress: host.clientAddress,
      clientPort: host.clientPort,
    });
  }
  if (OPERATIONAL.test(body)) {
    return event(h, {
      kind: 'notice',
      level: /^(?:TLS error|Warning: )/.test(body) ? 'warning' : 'info',
      topic: 'exim',
      text: body,
      queueId,
    });
  }
  return undefined;
}

/** Whether a body without a known program reads as Exim's (a message id or an Exim phrase). */
export function looksLikeExim(body: string): boolean {
  return (
    MESSAGE_ID.test(body) ||
    PID.test(body) ||
    /^(?:H=|SMTP (?:connection|call|protocol)|no MAIL in SMTP|no (?:host name|IP address) found|\S+ authenticator failed for )/.test(
      body,
    )
  );
}
