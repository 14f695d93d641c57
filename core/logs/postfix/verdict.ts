// Where a Postfix rejection line becomes a verdict event: smtpd's and postscreen's
//   NOQUEUE: reject: RCPT from name[1.2.3.4]: 450 4.2.0 <r>: Recipient address rejected: …;
//            from=<s> to=<r> proto=ESMTP helo=<h>
// with the access actions besides reject (reject_warning, hold, discard, filter, redirect,
// warn), the milter's (milter-reject …) and the after-queue proxy's (proxy-reject).
// Runtime: pure.

import { event } from '../build';
import { classifyReply } from '../classify';
import type { LineHeader, VerdictEvent, VerdictKind, VerdictSource } from '../events';
import { addressOf, CLIENT, nameOf, parseReply, portOf, QUEUE_ID, splitTrailer } from '../fields';

const ACTIONS: Record<string, { kind?: VerdictKind; source?: VerdictSource }> = {
  reject: {},
  reject_warning: { kind: 'reject_warning' },
  hold: { kind: 'hold' },
  discard: { kind: 'discard' },
  filter: { kind: 'filter' },
  redirect: { kind: 'redirect' },
  warn: { kind: 'warn' },
  'milter-reject': { source: 'milter' },
  'milter-discard': { kind: 'discard', source: 'milter' },
  'milter-hold': { kind: 'hold', source: 'milter' },
  'proxy-reject': { source: 'proxy' },
};

const WITH_CLIENT = new RegExp(
  String.raw`^(${QUEUE_ID}): (reject|reject_warning|hold|discard|filter|redirect|warn|milter-reject|milter-discard|milter-hold): (\S+) from ${CLIENT}: (.*)$`,
  's',
);
const PROXY = new RegExp(String.raw`^(?:(${QUEUE_ID}): )?(proxy-reject): (\S+): (.*)$`, 's');

/** reject (and its milter and proxy forms) is a reject for 5xx and a defer for 4xx. */
export function verdictKind(
  action: string,
  code: number | undefined,
  enhanced: string | undefined,
): VerdictKind {
  const fixed = ACTIONS[action]?.kind;
  if (fixed) return fixed;
  const first = code !== undefined ? Math.floor(code / 100) : Number(enhanced?.[0] ?? 5);
  return first === 4 ? 'defer' : 'reject';
}

function build(
  h: LineHeader,
  queueId: string | undefined,
  action: string,
  stage: string,
  rest: string,
  fallbackSource: VerdictSource,
  m: RegExpExecArray | undefined,
): VerdictEvent {
  const { head, trailer } = splitTrailer(rest);
  const reply = parseReply(head);
  const source = ACTIONS[action]?.source ?? fallbackSource;
  const c = classifyReply(reply.text, source);
  return event(h, {
    kind: verdictKind(action, reply.code, reply.enhanced),
    source,
    stage,
    clientName: nameOf(m?.[4]),
    clientAddress: addressOf(m?.[5]),
    clientPort: portOf(m?.[6]),
    queueId: queueId === 'NOQUEUE' ? undefined : queueId,
    sender: trailer?.from,
    recipient: trailer?.to,
    proto: trailer?.proto,
    helo: trailer?.helo,
    code: reply.code,
    enhanced: reply.enhanced,
    reply: reply.text,
    reasonClass: c.reasonClass,
    ruleId: c.ruleId,
    list: c.list,
  });
}

/** `source`: who decides when the action does not say (smtpd, postscreen, cleanup). */
export function parseVerdict(
  body: string,
  h: LineHeader,
  source: VerdictSource,
): VerdictEvent | undefined {
  const m = WITH_CLIENT.exec(body);
  if (m) return build(h, m[1], m[2] as string, m[3] as string, m[7] as string, source, m);
  const p = PROXY.exec(body);
  if (p) return build(h, p[1], p[2] as string, p[3] as string, p[4] as string, source, undefined);
  return undefined;
}
