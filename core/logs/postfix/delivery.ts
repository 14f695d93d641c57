// Where a delivery agent's line becomes an event (smtp, lmtp, local, virtual, pipe, error,
// discard, and qmgr for expiries):
//   QID: to=<r>, orig_to=<o>, relay=mx.example[1.2.3.4]:25, delay=1.5, delays=0.1/0.2/0.3/0.9,
//        dsn=2.0.0, status=sent (250 OK)
// and the smtp client's problems on the way (host said …, lost connection, connect to …).
// Runtime: pure.

import { event } from '../build';
import type { DeliveryEvent, LineHeader, LogEvent } from '../events';
import { QUEUE_ID, unbracket } from '../fields';

const DELIVERY = new RegExp(
  String.raw`^(${QUEUE_ID}): to=(<[^>]*>|[^,\s]*), (.*?)status=(\S+)(?: \((.*)\))?$`,
  's',
);
/** The smtp client's troubles with a remote host: the peer is the first `name[address]`. */
const PROBLEM = new RegExp(
  String.raw`^(?:(${QUEUE_ID}): )?((?:host \S+ (?:said|refused to talk to me)|lost connection with|conversation with \S+ timed out|connect to) .*)$`,
  's',
);
const PEER = /(\S+?\[[^\]\s]*\](?::\d+)?)/;
const OWN_LINE = new RegExp(String.raw`^(${QUEUE_ID}): (.*)$`, 's');
const TLS =
  /^(?:Anonymous|Untrusted|Trusted|Verified) TLS connection established to |^certificate verification failed for |^SSL_connect error to |^server certificate verification failed for |^TLS library problem/;

function fields(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s.split(', ')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

export function parseDeliveryLine(body: string, h: LineHeader): DeliveryEvent | undefined {
  const m = DELIVERY.exec(body);
  if (!m) return undefined;
  const f = fields(m[3] as string);
  const delay = f.delay !== undefined ? Number(f.delay) : NaN;
  const delays = f.delays?.split('/').map(Number);
  return event(h, {
    kind: 'delivery',
    queueId: m[1] as string,
    recipient: unbracket(m[2] as string),
    origRecipient: f.orig_to !== undefined ? unbracket(f.orig_to) : undefined,
    status: m[4] as string,
    relay: f.relay,
    delaySeconds: Number.isFinite(delay) ? delay : undefined,
    delays: delays && delays.every(Number.isFinite) ? delays : undefined,
    dsn: f.dsn,
    response: m[5],
  });
}

/** The delivery agents' lines: deliveries first, then the smtp client's troubles. */
export function parseDeliveryAgent(body: string, h: LineHeader): LogEvent | undefined {
  const d = parseDeliveryLine(body, h);
  if (d) return d;
  const p = PROBLEM.exec(body);
  if (p) {
    const text = p[2] as string;
    const peer = PEER.exec(text);
    return event(h, {
      kind: 'delivery.problem',
      queueId: p[1],
      peer: peer ? peer[1] : undefined,
      text,
    });
  }
  if (TLS.test(body)) return event(h, { kind: 'notice', level: 'info', topic: 'tls', text: body });
  if (/^(?:warning|error|fatal|panic): /.test(body)) return undefined;
  // Any other line about one message is the agent saying how its delivery went.
  const m = OWN_LINE.exec(body);
  if (m)
    return event(h, { kind: 'delivery.problem', queueId: m[1] as string, text: m[2] as string });
  return undefined;
}
