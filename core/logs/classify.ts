// From a reply's text to the reason class and the policy rule behind it. The replies are the
// ones mxwarden's compiled configuration makes Postfix give (core/engine/replies.ts: "blocked
// using <zone>", "cannot find your hostname", "You are not us", postgrey's "Greylisted", …) and
// those of Postfix's other restrictions, policy services and Exim ACLs. Texts are searched in
// an order that matters: a policy service's reply arrives wrapped in Postfix's own words
// ("Recipient address rejected: <s>: Sender address rejected: SPF check failed …"), so what
// names a rule precisely is looked for before the wrapper. Runtime: pure.

import { dnsblRule, type RuleId } from '../policy/rules';
import type { VerdictSource } from './events';
import type { ReasonClass } from './reasons';

export interface Classification {
  reasonClass: ReasonClass;
  ruleId?: RuleId;
  /** The DNS list an RBL reply names. */
  list?: string;
}

const RULES: Partial<Record<ReasonClass, RuleId>> = {
  greylist: 'greylist',
  'rdns.missing': 'rdns.missing',
  'rdns.unconfirmed': 'rdns.unconfirmed',
  'helo.invalid': 'helo.invalid',
  'helo.non-fqdn': 'helo.non-fqdn',
  'helo.claims-us': 'helo.claims-us',
  // mxwarden's denylists compile to access maps whose REJECT gives these words (and an imported
  // server's access-map rejects are read into the same lists).
  'client.access': 'client.deny',
  'sender.access': 'sender.deny',
  'spf.fail': 'spf.fail',
  'spf.softfail': 'spf.softfail',
  'policy.score': 'dnsbl.score',
};

function of(reasonClass: ReasonClass): Classification {
  const ruleId = RULES[reasonClass];
  return ruleId ? { reasonClass, ruleId } : { reasonClass };
}

/** "… blocked using zen.spamhaus.org; …" (smtpd, postscreen, Postfix's RHSBL checks). */
const BLOCKED_USING = /\bblocked using ([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])/;
/** Exim's dnslists messages: "… is in a black list at zen.spamhaus.org", "… is listed in …". */
const EXIM_LIST =
  /\b(?:black ?list|block ?list|DNSBL|RBL)(?: at| in)? ([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+)\b|\bis (?:in an RBL|listed (?:at|in|by))\b/i;

function rbl(zone: string | undefined): Classification {
  if (!zone) return { reasonClass: 'rbl' };
  const list = zone.toLowerCase().replace(/\.$/, '');
  return { reasonClass: 'rbl', ruleId: dnsblRule(list), list };
}

function afterPrefix(text: string, prefix: string): string | undefined {
  const i = text.indexOf(prefix);
  return i < 0 ? undefined : text.slice(i + prefix.length);
}

function clientHost(rest: string): Classification {
  if (/^cannot find your reverse hostname/i.test(rest)) return of('rdns.missing');
  if (/^cannot find your hostname/i.test(rest)) return of('rdns.unconfirmed');
  if (/^Improper use of SMTP command pipelining/i.test(rest)) return of('pipelining');
  return of('client.access');
}

function heloCommand(rest: string): Classification {
  if (/need fully-qualified\s*hostname/i.test(rest)) return of('helo.non-fqdn');
  if (/^(?:Invalid name|invalid ip address|Malformed)/i.test(rest)) return of('helo.invalid');
  if (/You are not us/i.test(rest)) return of('helo.claims-us');
  if (/^Host not found/i.test(rest)) return of('helo.unknown');
  return of('helo.access');
}

function senderAddress(rest: string): Classification {
  if (/^(?:Domain not found|Malformed DNS server reply|unknown domain)/i.test(rest))
    return of('sender.unknown-domain');
  if (/need fully-qualified address/i.test(rest)) return of('sender.non-fqdn');
  if (/not owned by user|not logged in/i.test(rest)) return of('sender.login-mismatch');
  if (/undeliverable address|unverified address/i.test(rest)) return of('sender.unverified');
  if (/User unknown/i.test(rest)) return of('sender.unknown');
  return of('sender.access');
}

function recipientAddress(rest: string): Classification {
  if (/User unknown|unknown user|does not exist/i.test(rest)) return of('recipient.unknown');
  if (/undeliverable address|unverified address/i.test(rest)) return of('recipient.unverified');
  if (/need fully-qualified address/i.test(rest)) return of('recipient.non-fqdn');
  if (/^Domain not found/i.test(rest)) return of('recipient.unknown-domain');
  return of('recipient.access');
}

/** Exim's (and other MTAs') wording, when no Postfix wrapper names the class. */
function eximWords(text: string): Classification | undefined {
  if (/relay not permitted|relaying denied|relay access denied/i.test(text))
    return of('relay.denied');
  if (/unknown user|no such user|unrouteable address|user unknown|mailbox unavailable/i.test(text))
    return of('recipient.unknown');
  if (/sender verify failed/i.test(text)) return of('sender.unverified');
  if (/SMTP AUTH is required|authentication required/i.test(text)) return of('auth-required');
  if (/rate-?limit|too many (?:connections|recipients|messages)/i.test(text))
    return of('rate-limit');
  return undefined;
}

export function classifyReply(text: string, source: VerdictSource): Classification {
  const blocked = BLOCKED_USING.exec(text);
  if (blocked) return rbl(blocked[1]);
  if (/greylist/i.test(text)) return of('greylist');
  if (/\bSPF\b/i.test(text)) {
    if (/soft ?fail/i.test(text)) return of('spf.softfail');
    if (/fail|reject|not authori[sz]ed/i.test(text)) return of('spf.fail');
    return of('policy.service');
  }
  // mxwarden's combined score (engine/stages.ts) and policyd-weight's default replies.
  if (
    /\bscored -?\d/.test(text) ||
    /Mail appeared to be SPAM or forged|listed in too many DNSBLs|No DNS entries for your MTA/i.test(
      text,
    )
  )
    return of('policy.score');
  // smtpd_policy_service_default_action: the policy service did not answer.
  if (/Server configuration problem|\bpolicy (?:rejection|service)\b/i.test(text))
    return of('policy.service');
  if (source === 'postscreen') {
    // postscreen's own replies (postscreen_*_action = enforce).
    if (/^Service currently unavailable/.test(text)) return of('client.access');
    if (/^Protocol error/.test(text))
      return { reasonClass: 'protocol-error', ruleId: 'postscreen.protocol' };
    if (/too many connections/i.test(text)) return of('rate-limit');
    if (/all server ports busy/i.test(text)) return of('overload');
  }
  const ch = afterPrefix(text, 'Client host rejected: ');
  if (ch !== undefined) return clientHost(ch);
  const helo = afterPrefix(text, 'Helo command rejected: ');
  if (helo !== undefined) return heloCommand(helo);
  if (/Relay access denied/i.test(text)) return of('relay.denied');
  const rcpt = afterPrefix(text, 'Recipient address rejected: ');
  // A policy service's text inside the recipient wrapper may name the sender.
  const sender = afterPrefix(text, 'Sender address rejected: ');
  if (sender !== undefined) return senderAddress(sender);
  if (rcpt !== undefined) return recipientAddress(rcpt);
  if (/Data command rejected/i.test(text)) return of('data');
  if (/Message size exceeds|message too (?:large|big)/i.test(text)) return of('size');
  if (/Must issue a STARTTLS command first|TLS required/i.test(text)) return of('tls-required');
  if (/Server configuration error|Temporary lookup failure/i.test(text)) return of('server-error');
  if (/Improper use of SMTP command pipelining/i.test(text)) return of('pipelining');
  const list = EXIM_LIST.exec(text);
  if (list) return rbl(list[1]);
  const exim = eximWords(text);
  if (exim) return exim;
  if (source === 'milter') return of('milter');
  if (source === 'proxy') return of('content-filter');
  if (source === 'content') return of('content');
  return of('other');
}
