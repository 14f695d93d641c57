// mx3 runs no postscreen and no postgrey: its DNS lists are smtpd's reject_rbl_client and
// permit_dnswl_client, where every listed entry acts alone (weights and the threshold do not
// apply) and the list's TXT record is quoted; client entries are smtpd's; greylisting in the
// policy cannot be enforced there. Runtime: pure.

import {
  attempt,
  fresh,
  freshListed,
  freshSlow,
  inNet,
  namedAttempt,
  type Case,
  type Phase,
} from '../cases';
import { BL, SLOW, WL, ZEN, client, greylisting, list, quiet, sender } from '../policies';

const times = (n: number, make: () => Case): Case[] => Array.from({ length: n }, make);

function lists(): Phase {
  // Greylisting is on in the policy: mx3 has no policy service to do it.
  const p = greylisting('lists without postscreen');
  p.dnsbl = {
    threshold: 10,
    allowlistThreshold: 0,
    lists: [
      list(ZEN, 2, '127.0.0.2'),
      list(ZEN, 1, '127.0.0.[4..7]'),
      list(BL, 1),
      list(WL, -1, '127.0.10.[2..3]'),
      list(ZEN, 1, '127.0.0.10', true),
      list(SLOW, 1),
    ],
  };
  p.clients.allow = [client('127.21.240.0/24', 'dnsbl')];
  return {
    id: 'mx3-lists',
    server: 'mx3',
    about: 'each list entry acts alone: weight 1 rejects although the threshold is 10',
    policy: p,
    cases: [
      { label: 'zen 127.0.0.2 and bl: zen comes first', attempt: namedAttempt('zen-sbl') },
      { label: 'zen 127.0.0.4', attempt: namedAttempt('zen-xbl') },
      { label: 'zen 127.0.0.10: dry-run entry', attempt: namedAttempt('zen-pbl') },
      { label: 'zen 127.0.0.11: outside every filter', attempt: attempt('127.20.0.11') },
      { label: 'zen 127.0.0.3: outside every filter', attempt: namedAttempt('shared') },
      { label: 'bl only', attempt: namedAttempt('bl-only') },
      { label: 'wl: permit_dnswl_client', attempt: namedAttempt('allowlisted') },
      { label: 'wl 127.0.10.3', attempt: namedAttempt('allowlisted-high') },
      { label: 'listed network', attempt: namedAttempt('listed-net') },
      ...times(3, () => ({
        label: 'listed network, fresh address',
        attempt: attempt(freshListed()),
      })),
      ...times(2, () => ({
        label: 'slow list (smtpd waits for it)',
        attempt: attempt(freshSlow()),
      })),
      { label: 'listed, allowed for DNS lists', attempt: attempt('127.21.240.8') },
      ...times(3, () => ({ label: 'unlisted', attempt: attempt(fresh()) })),
    ],
  };
}

function access(): Phase {
  const p = quiet('smtpd client and sender entries');
  p.clients.deny = [
    client('127.98.50.0/24'),
    client('127.98.51.3'),
    client('news.example'),
    client('/^mail\\.(bank|nospf)\\.example$/'),
  ];
  p.clients.allow = [client('127.98.50.8'), client('shop.example')];
  p.senders.deny = [sender('spam.example'), sender('boss@corp.example')];
  p.senders.allow = [sender('friend.example')];
  p.helo.invalid = { action: 'reject', dryRun: false };
  return {
    id: 'mx3-access',
    server: 'mx3',
    about: 'client, sender entries in smtpd (no postscreen): replies name the client',
    policy: p,
    cases: [
      { label: 'denied network', attempt: attempt(inNet(50, 3)) },
      { label: 'denied network, allowed address: deny wins', attempt: attempt(inNet(50, 8)) },
      { label: 'denied address', attempt: attempt(inNet(51, 3)) },
      { label: 'denied name suffix', attempt: namedAttempt('softfail') },
      { label: 'denied regex', attempt: namedAttempt('bank') },
      { label: 'denied regex, second name', attempt: namedAttempt('nospf') },
      { label: 'PTR not confirmed', attempt: namedAttempt('mismatch') },
      {
        label: 'allowed name suffix, invalid HELO',
        attempt: namedAttempt('shop', { helo: 'bad_host!' }),
      },
      { label: 'unlisted, invalid HELO', attempt: attempt(fresh(), { helo: 'bad_host!' }) },
      { label: 'denied sender domain', attempt: attempt(fresh(), { sender: 'x@spam.example' }) },
      {
        label: 'denied sender subdomain',
        attempt: attempt(fresh(), { sender: 'x@a.spam.example' }),
      },
      {
        label: 'denied sender with +extension',
        attempt: attempt(fresh(), { sender: 'boss+x@corp.example' }),
      },
      {
        label: 'allowed sender, invalid HELO',
        attempt: attempt(fresh(), { sender: 'x@friend.example', helo: 'bad_host!' }),
      },
    ],
  };
}

/** Client regexes are about host names: an address or "unknown" (no verified name) is no name. */
function regexEdges(): Phase {
  const p = quiet('client regexes and what they are matched against');
  p.clients.deny = [client('/^127\\.98\\.52\\./'), client('/^unknown$/')];
  return {
    id: 'mx3-regex-edges',
    server: 'mx3',
    about: 'a regex that looks like an address, and one that spells "unknown"',
    policy: p,
    cases: [
      { label: 'address the address-like regex matches', attempt: attempt(inNet(52, 3)) },
      { label: 'no PTR: the client name is "unknown"', attempt: attempt(fresh()) },
      { label: 'PTR not confirmed: "unknown" too', attempt: namedAttempt('dynamic') },
      { label: 'confirmed name', attempt: namedAttempt('shop') },
    ],
  };
}

export function smtpdOnlyPhases(): Phase[] {
  return [lists(), access(), regexEdges()];
}
