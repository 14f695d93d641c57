// Where cleanup's content-check lines become events: header_checks / body_checks and milter
// actions on a message, written as
//   QID: reject: header Subject: … from name[1.2.3.4]; from=<s> to=<r> proto=ESMTP helo=<h>: 5.7.1 text
// reject/hold/discard/redirect/filter/warning are verdicts (source "content", or "milter"),
// info/prepend/replace are notices. Runtime: pure.

import { event } from '../build';
import { classifyReply } from '../classify';
import type { LineHeader, LogEvent, VerdictKind, VerdictSource } from '../events';
import { addressOf, nameOf, parseReply, parseTrailer, QUEUE_ID } from '../fields';

const CONTENT = new RegExp(
  String.raw`^(${QUEUE_ID}): ([a-z]+(?:-[a-z]+)*): (header|body|mime-header|nested-header) (.*) from (?:local|([^\s[\]]*)\[([^\]\s]*)\](?::\d+)?); (.*)$`,
  's',
);

const VERDICTS: Record<string, { kind: VerdictKind; source: VerdictSource }> = {
  reject: { kind: 'reject', source: 'content' },
  hold: { kind: 'hold', source: 'content' },
  discard: { kind: 'discard', source: 'content' },
  redirect: { kind: 'redirect', source: 'content' },
  filter: { kind: 'filter', source: 'content' },
  warning: { kind: 'warn', source: 'content' },
  'milter-reject': { kind: 'reject', source: 'milter' },
  'milter-hold': { kind: 'hold', source: 'milter' },
  'milter-discard': { kind: 'discard', source: 'milter' },
  'milter-header-redirect': { kind: 'redirect', source: 'milter' },
  'milter-body-redirect': { kind: 'redirect', source: 'milter' },
};

export function parseCleanupContent(body: string, h: LineHeader): LogEvent | undefined {
  const m = CONTENT.exec(body);
  if (!m) return undefined;
  const queueId = m[1] as string;
  const action = m[2] as string;
  const stage = m[3] as string;
  const what = `${stage} ${m[4] as string}`;
  const trailer = parseTrailer(m[7] as string);
  const clientName = nameOf(m[5]);
  const clientAddress = addressOf(m[6]);
  const v = VERDICTS[action];
  if (!v) {
    // info, prepend, replace: the message goes on.
    return event(h, {
      kind: 'notice',
      level: 'info',
      topic: `content-${action}`,
      text: what,
      queueId,
      clientName,
      clientAddress,
    });
  }
  const reply = parseReply(trailer?.after ?? '');
  let kind = v.kind;
  const deferred =
    reply.code !== undefined ? reply.code < 500 : reply.enhanced?.startsWith('4') === true;
  if (kind === 'reject' && deferred) kind = 'defer';
  const c = classifyReply(reply.text, v.source);
  return event(h, {
    kind,
    source: v.source,
    stage,
    queueId,
    clientName,
    clientAddress,
    sender: trailer?.from,
    recipient: trailer?.to,
    proto: trailer?.proto,
    helo: trailer?.helo,
    code: reply.code,
    enhanced: reply.enhanced,
    // Without the action's own text, the matched header or body line says why.
    reply: reply.text || what,
    reasonClass: c.reasonClass,
    ruleId: c.ruleId,
    list: c.list,
  });
}
