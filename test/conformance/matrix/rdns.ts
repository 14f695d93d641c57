// Reverse DNS with the lab's clients: PTR confirmed by its A record, PTR that does not resolve
// back (no address, or another one), no PTR at all — against reject_unknown_client_hostname
// (forward-confirmed, mx1 rejecting, mx3 deferring) and reject_unknown_reverse_client_hostname
// (any PTR, mx2 deferring). Runtime: pure.

import { attempt, fresh, namedAttempt, type Case, type Phase } from '../cases';
import { act, quiet } from '../policies';

/** Named clients that no list in these phases touches, by kind of reverse DNS. */
const CONFIRMED = ['shop', 'softfail', 'nospf', 'bank', 'allowlisted', 'shared'];
const UNCONFIRMED = ['dynamic', 'mismatch', 'zen-sbl', 'zen-pbl'];
const MISSING = ['no-ptr', 'spoofer', 'zen-xbl', 'bl-only', 'listed-net'];

function cases(): Case[] {
  return [
    ...CONFIRMED.map((n) => ({ label: `PTR confirmed (${n})`, attempt: namedAttempt(n) })),
    ...UNCONFIRMED.map((n) => ({ label: `PTR not confirmed (${n})`, attempt: namedAttempt(n) })),
    ...MISSING.map((n) => ({ label: `no PTR (${n})`, attempt: namedAttempt(n) })),
    { label: 'no PTR, fresh address', attempt: attempt(fresh()) },
  ];
}

function phase(
  id: string,
  server: 'mx1' | 'mx2' | 'mx3',
  require: 'ptr' | 'fcrdns',
  action: 'reject' | 'defer',
): Phase {
  const p = quiet(`rDNS ${require} ${action}`);
  p.rdns = { require, action: act(action) };
  return {
    id,
    server,
    about: `${require === 'ptr' ? 'any PTR' : 'forward-confirmed PTR'} required, else ${action}`,
    policy: p,
    cases: cases(),
  };
}

export function rdnsPhases(): Phase[] {
  return [
    phase('mx1-rdns-fcrdns-reject', 'mx1', 'fcrdns', 'reject'),
    phase('mx2-rdns-ptr-defer', 'mx2', 'ptr', 'defer'),
    phase('mx3-rdns-fcrdns-defer', 'mx3', 'fcrdns', 'defer'),
    phase('mx3-rdns-ptr-reject', 'mx3', 'ptr', 'reject'),
  ];
}
