// One log line per decision, in postgrey's shape, so that the log parsers read the policy
// service's lines with the same code as postgrey's:
//   [QUEUEID: ]action=greylist, reason=new, client_name=…, client_address=…, sender=…, recipient=…
// Fields are separated by ", " and values come from the request verbatim, as postgrey does;
// only our own texts (reasons) are kept free of the separators. Runtime: pure.

import type { PolicyAttributes } from './request-reader';

export interface DecisionLog {
  /** greylist · pass · reject · defer (postgrey knows the first two). */
  action: string;
  reason: string;
  /** Extra `name=value` after the reason, e.g. `delay=312`. */
  extra?: string;
}

/** Our texts must not look like field separators or end the line. */
const clean = (s: string) => s.replace(/[\r\n]+/g, ' ').replace(/,\s/g, '; ');

export function decisionLine(d: DecisionLog, attributes: PolicyAttributes): string {
  const parts = [`action=${clean(d.action)}`, `reason=${clean(d.reason)}`];
  if (d.extra) parts.push(clean(d.extra));
  // postgrey prints each of these only when it is non-empty.
  for (const name of ['client_name', 'client_address', 'sender', 'recipient'] as const) {
    const v = attributes[name];
    if (v) parts.push(`${name}=${v}`);
  }
  const queueId = attributes.queue_id;
  return `${queueId ? `${queueId}: ` : ''}${parts.join(', ')}`;
}
