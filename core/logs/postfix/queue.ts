// Where the queue's lines become message events: cleanup's message-id, qmgr's `from=<s>,
// size=N, nrcpt=N (queue active)`, `removed` and expiries, pickup's local submissions,
// postsuper's operations and bounce's notifications — the pieces, joined by queue id, of
// "a message was accepted: its id, sender, size and recipients". Runtime: pure.

import { event } from '../build';
import type { LineHeader, LogEvent } from '../events';
import { QUEUE_ID, unbracket } from '../fields';

const MESSAGE_ID = new RegExp(String.raw`^(${QUEUE_ID}): message-id=(.*)$`);
const QUEUED = new RegExp(
  String.raw`^(${QUEUE_ID}): from=<(.*?)>, size=(\d+), nrcpt=(\d+)(?: \(queue active\))?$`,
);
const EXPIRED = new RegExp(
  String.raw`^(${QUEUE_ID}): from=<(.*?)>,? status=expired, returned to sender$`,
);
const REMOVED = new RegExp(String.raw`^(${QUEUE_ID}): removed$`);
const ADMIN = new RegExp(String.raw`^(${QUEUE_ID}): (requeued|placed on hold|released from hold)$`);
const PICKUP = new RegExp(String.raw`^(${QUEUE_ID}): uid=(\d+) from=<(.*?)>$`);
const BOUNCE = new RegExp(
  String.raw`^(${QUEUE_ID}): ((?:sender|postmaster) (?:non-delivery|delivery status|delay|success) notification): (${QUEUE_ID})$`,
);
const QUEUE_NOTICE = new RegExp(
  String.raw`^(${QUEUE_ID}): (skipped, still being delivered|resent-message-id=.*)$`,
);
const COUNTS = /^(?:Deleted|Requeued|Placed on hold|Released from hold|Expired): \d+ messages?$/;

const ADMIN_ACTION = {
  requeued: 'requeue',
  'placed on hold': 'hold',
  'released from hold': 'release',
} as const;

export function parseQueue(body: string, h: LineHeader): LogEvent | undefined {
  let m: RegExpExecArray | null;
  if ((m = QUEUED.exec(body))) {
    return event(h, {
      kind: 'message.queued',
      queueId: m[1] as string,
      sender: m[2] as string,
      size: Number(m[3]),
      nrcpt: Number(m[4]),
    });
  }
  if ((m = MESSAGE_ID.exec(body))) {
    return event(h, {
      kind: 'message.id',
      queueId: m[1] as string,
      messageId: unbracket(m[2] as string),
    });
  }
  if ((m = REMOVED.exec(body)))
    return event(h, { kind: 'message.removed', queueId: m[1] as string });
  if ((m = EXPIRED.exec(body))) {
    return event(h, { kind: 'message.expired', queueId: m[1] as string, sender: m[2] as string });
  }
  if ((m = ADMIN.exec(body))) {
    return event(h, {
      kind: 'message.admin',
      queueId: m[1] as string,
      action: ADMIN_ACTION[m[2] as keyof typeof ADMIN_ACTION],
    });
  }
  if ((m = PICKUP.exec(body))) {
    return event(h, {
      kind: 'message.pickup',
      queueId: m[1] as string,
      uid: Number(m[2]),
      sender: m[3] as string,
    });
  }
  if ((m = BOUNCE.exec(body))) {
    return event(h, {
      kind: 'bounce',
      queueId: m[1] as string,
      notice: m[2] as string,
      bounceQueueId: m[3] as string,
    });
  }
  if ((m = QUEUE_NOTICE.exec(body))) {
    return event(h, {
      kind: 'notice',
      level: 'info',
      topic: 'queue',
      text: m[2] as string,
      queueId: m[1] as string,
    });
  }
  if (COUNTS.test(body))
    return event(h, { kind: 'notice', level: 'info', topic: 'queue', text: body });
  return undefined;
}
