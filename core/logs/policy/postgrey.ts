// Where a postgrey-shaped decision line becomes an event — postgrey's own and mxwarden's policy
// service's (core/policyd/log-line.ts writes the same shape on purpose):
//   [QID: ]action=greylist, reason=new, client_name=…, client_address=…, sender=…, recipient=…
//   action=greylist, reason=early-retry (297s missing), …
//   action=pass, reason=triplet found, delay=312, …      action=pass, reason=client AWL, …
//   action=reject, reason=spf.fail: …, …                  (mxwarden: the rule id leads the reason)
// and postgrey's other lines (auto-whitelisting, maintenance, start-up). Runtime: pure.

import type { RuleId } from '../../policy/rules';
import { event } from '../build';
import type { GreylistPassClass, LineHeader, LogEvent } from '../events';
import { QUEUE_ID } from '../fields';

const DECISION = new RegExp(String.raw`^(?:(${QUEUE_ID}): )?action=([^,\s]+)(?:, (.*))?$`, 's');
const KEYS = new Set(['reason', 'delay', 'client_name', 'client_address', 'sender', 'recipient']);
const EARLY = /^early-retry \((\d+)s missing\)$/;
const AWL = /^whitelisted: (?:([^\s[\]]*)\[([^\]\s]*)\]|(\S+))$/;
const OPERATIONAL =
  /^(?:cleaning |rm |Process Backgrounded|Exiting!|HUP received|correcting date|ignoring garbage|unrecognized request type|Setting [gu]id to |Binding to |Server closing!|Couldn't |WARNING: |FATAL: |.*\bstarting! pid\()/;

const PASS_CLASS: Record<string, GreylistPassClass> = {
  'triplet found': 'triplet-found',
  'client whitelist': 'client-whitelist',
  'recipient whitelist': 'recipient-whitelist',
  'client AWL': 'client-awl',
};

const STATIC_RULES = new Set<string>([
  'client.allow',
  'client.deny',
  'sender.allow',
  'sender.deny',
  'recipient.exempt',
  'postscreen.pregreet',
  'postscreen.protocol',
  'dnsbl.score',
  'helo.invalid',
  'helo.non-fqdn',
  'helo.claims-us',
  'rdns.missing',
  'rdns.unconfirmed',
  'spf.fail',
  'spf.softfail',
  'greylist',
  'quota',
  'reoffender',
]);

/** mxwarden's reasons start with the rule: `spf.fail: SPF fail for example.org`. */
function ruleOf(reason: string | undefined): RuleId | undefined {
  const m = reason && /^([a-z-]+(?:\.[a-z-]+)?|dns[bw]l:[a-z0-9.-]+): /.exec(reason);
  if (!m) return undefined;
  const id = m[1] as string;
  return STATIC_RULES.has(id) || /^dns[bw]l:/.test(id) ? (id as RuleId) : undefined;
}

/**
 * `name=value` fields separated by ", "; a value holding ", " (a sender can) is rejoined with
 * the next part when that part starts no known field.
 */
function fields(s: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!s) return out;
  let last: string | undefined;
  for (const part of s.split(', ')) {
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq) : '';
    if (KEYS.has(key) && !(key in out)) {
      out[key] = part.slice(eq + 1);
      last = key;
    } else if (last) out[last] += `, ${part}`;
  }
  return out;
}

export function isDecisionLine(body: string): boolean {
  return DECISION.test(body);
}

export function parseGreylistDecision(body: string, h: LineHeader): LogEvent | undefined {
  const m = DECISION.exec(body);
  if (!m) return undefined;
  const f = fields(m[3]);
  const queueId = m[1];
  const action = m[2] as string;
  const reason = f.reason;
  const delay = f.delay !== undefined && /^\d+$/.test(f.delay) ? Number(f.delay) : undefined;
  if (action === 'greylist') {
    const early = reason ? EARLY.exec(reason) : null;
    return event(h, {
      kind: 'greylist',
      reason: early ? 'early-retry' : (reason ?? 'new'),
      missingSeconds: early ? Number(early[1]) : undefined,
      ruleId: 'greylist',
      queueId,
      clientName: f.client_name,
      clientAddress: f.client_address,
      sender: f.sender,
      recipient: f.recipient,
    });
  }
  if (action === 'pass') {
    const passClass =
      PASS_CLASS[reason ?? ''] ?? (reason?.startsWith('dry-run') ? 'dry-run' : 'other');
    return event(h, {
      kind: 'greylist.pass',
      reason: reason ?? '',
      passClass,
      delaySeconds: delay,
      queueId,
      clientName: f.client_name,
      clientAddress: f.client_address,
      sender: f.sender,
      recipient: f.recipient,
    });
  }
  const verb = action.toLowerCase();
  return event(h, {
    kind: 'policy.decision',
    action: verb === 'reject' ? 'reject' : verb === 'defer' ? 'defer' : 'other',
    verb: action,
    reason,
    ruleId: ruleOf(reason),
    delaySeconds: delay,
    queueId,
    clientName: f.client_name,
    clientAddress: f.client_address,
    sender: f.sender,
    recipient: f.recipient,
  });
}

/** postgrey's lines that are not decisions. */
export function parsePostgreyOther(body: string, h: LineHeader): LogEvent | undefined {
  const awl = AWL.exec(body);
  if (awl) {
    return event(h, {
      kind: 'greylist.awl',
      clientName: awl[1] || undefined,
      clientAddress: awl[2] ?? awl[3],
    });
  }
  if (OPERATIONAL.test(body)) {
    const level = body.startsWith('WARNING: ')
      ? 'warning'
      : body.startsWith('FATAL: ')
        ? 'fatal'
        : 'info';
    return event(h, { kind: 'notice', level, topic: 'postgrey', text: body });
  }
  return undefined;
}
