// Where a policyd-weight line becomes an event (its syslog tag is postfix/policyd-weight):
//   weighted check:  IN_SPAMCOP=3.75 NOT_IN_SBL_XBL_SPAMHAUS=-1.5 …; <client=name[1.2.3.4]>
//     <helo=h> <from=s> <to=r>; rate: 2.25
//   decided action=550 Mail appeared to be SPAM or forged. …; <client=…> <helo=…> <from=…>
//     <to=…>; delay: 2s
// The score list becomes tests with their scores; the decision an action with its reply. A
// score-based reject is the DNSBL-score rule of mxwarden's taxonomy. Runtime: pure.

import { event } from '../build';
import { classifyReply } from '../classify';
import type { LineHeader, LogEvent, PolicyDecisionEvent, PolicyTest } from '../events';
import { parseReply } from '../fields';

/** The trace policyd-weight appends: `<client=name[ip]> <helo=…> <from=…> <to=…>`. */
const TRACE = String.raw`(?:<instance=[^>]*> )?<client=([^\s[\]]*)\[([^\]\s]*)\]> <helo=(.*?)> <from=(.*?)> <to=(.*?)>`;
const CHECK = new RegExp(
  String.raw`^weighted check: (.*); ${TRACE}; rate: (-?\d+(?:\.\d+)?)$`,
  's',
);
const DECIDED = new RegExp(String.raw`^decided action=(.*); ${TRACE}; delay: (\d+)s$`, 's');
const OPERATIONAL =
  /^(?:warning: |child: |master: |cache|policyd-weight |Daemon terminated|Got SIG|conf-err|err: |fatal_exit|could not connect|rbl_lookup|Abnormal exit)/;
const TEST = /([A-Z][A-Z0-9_/()]*)=(-?\d+(?:\.\d+)?|ERR\([^)]*\)|SKIP\([^)]*\))/g;

function tests(s: string): PolicyTest[] {
  const out: PolicyTest[] = [];
  for (const t of s.matchAll(TEST)) {
    const v = t[2] as string;
    out.push({ name: t[1] as string, score: /^-?\d/.test(v) ? Number(v) : null });
  }
  return out;
}

export function parsePolicydWeight(body: string, h: LineHeader): LogEvent | undefined {
  const c = CHECK.exec(body);
  if (c) {
    return event(h, {
      kind: 'policy.score',
      tests: tests(c[1] as string),
      clientName: c[2] || undefined,
      clientAddress: c[3] || undefined,
      helo: c[4] as string,
      sender: c[5] as string,
      recipient: c[6] as string,
      score: Number(c[7]),
    });
  }
  const d = DECIDED.exec(body);
  if (d) {
    const verb = (d[1] as string).trim();
    const reply = parseReply(verb);
    const action = actionOf(verb, reply.code);
    const rejected = action === 'reject' || action === 'defer';
    return event(h, {
      kind: 'policy.decision',
      action,
      verb,
      code: reply.code,
      enhanced: reply.enhanced,
      reply: rejected ? reply.text : undefined,
      ruleId: rejected ? classifyReply(reply.text, 'smtpd').ruleId : undefined,
      clientName: d[2] || undefined,
      clientAddress: d[3] || undefined,
      helo: d[4] as string,
      sender: d[5] as string,
      recipient: d[6] as string,
      delaySeconds: Number(d[7]),
    });
  }
  // Its operational lines (child/master/cache processes, start-up, signals, warnings).
  if (OPERATIONAL.test(body)) {
    const level = body.startsWith('warning: ') ? 'warning' : 'info';
    return event(h, { kind: 'notice', level, topic: 'policyd-weight', text: body });
  }
  return undefined;
}

/** An access(5) action: a 5xx/4xx reply, REJECT/DEFER…, or DUNNO/OK/PREPEND (a pass). */
function actionOf(verb: string, code: number | undefined): PolicyDecisionEvent['action'] {
  if (code !== undefined) return code >= 500 ? 'reject' : code >= 400 ? 'defer' : 'pass';
  const upper = verb.toUpperCase();
  if (/^REJECT\b/.test(upper)) return 'reject';
  if (/^DEFER(?:_IF_PERMIT|_IF_REJECT)?\b/.test(upper)) return 'defer';
  if (/^(?:DUNNO|OK|PREPEND)\b/.test(upper)) return 'pass';
  return 'other';
}
