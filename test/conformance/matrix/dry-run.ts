// Dry-run rules (warn_if_reject): the client is accepted and Postfix logs reject_warning with the
// reply it would have given — the engine must report the same rules as dry-run hits. With
// postscreen (mx1) and without (mx3, where a dry-run DNS list warns too). Also the rules Postfix
// cannot act on at all (SPF, quotas, reoffenders, SPF-conditional allow entries): both sides
// accept. Runtime: pure.

import { attempt, fresh, freshListed, namedAttempt, type Phase } from '../cases';
import { ZEN, act, list, quiet, sender } from '../policies';

function dryRun(id: string, server: 'mx1' | 'mx3'): Phase {
  const p = quiet('dry-run rules');
  p.helo = {
    invalid: act('reject', true),
    nonFqdn: act('reject', true),
    claimsToBeUs: act('reject', true),
    ourNames: ['mx3.lab.example', 'mx1.lab.example'],
  };
  p.rdns = { require: 'fcrdns', action: act('reject', true) };
  p.dnsbl = { threshold: 1, allowlistThreshold: 0, lists: [list(ZEN, 1, '127.0.0.[2..11]', true)] };
  return {
    id,
    server,
    about: 'HELO, rDNS and list checks in dry-run',
    policy: p,
    cases: [
      { label: 'nothing to warn about', attempt: namedAttempt('shop') },
      { label: 'bare HELO, no PTR', attempt: attempt(fresh(), { helo: 'localhost' }) },
      { label: 'invalid HELO, no PTR', attempt: attempt(fresh(), { helo: 'bad_host!' }) },
      {
        label: 'HELO claims to be us',
        attempt: namedAttempt('nospf', { helo: 'mx1.lab.example' }),
      },
      {
        label: 'PTR not confirmed',
        attempt: namedAttempt('dynamic', { helo: 'home.isp.example' }),
      },
      {
        label: 'listed in a dry-run list',
        attempt: namedAttempt('zen-xbl', { helo: 'pc.example.net' }),
      },
      {
        label: 'listed in a dry-run list, bare HELO',
        attempt: attempt(freshListed(), { helo: 'pc' }),
      },
      { label: 'confirmed, bare HELO', attempt: namedAttempt('bank', { helo: 'bank' }) },
    ],
  };
}

function notEnforced(): Phase {
  const p = quiet('rules Postfix cannot act on');
  p.spf = { fail: act('reject'), softfail: act('defer') };
  p.helo.nonFqdn = { action: 'score', dryRun: false, score: 3 };
  p.rdns = { require: 'fcrdns', action: act('greylist') };
  p.senders.allow = [{ ...sender('bank.example'), requireSpf: true }];
  p.quotas = { enabled: true, messagesPerClientPerHour: 1 };
  p.reoffenders = { enabled: true, rejectionsBeforeBan: 1, banDays: 1 };
  return {
    id: 'mx2-not-enforced',
    server: 'mx2',
    about:
      'SPF, scores, greylist actions, quotas: the policy service would do them, Postfix cannot',
    policy: p,
    cases: [
      { label: 'SPF fail (forged bank.example)', attempt: namedAttempt('spoofer') },
      { label: 'SPF fail (PTR elsewhere)', attempt: namedAttempt('mismatch') },
      { label: 'SPF softfail', attempt: namedAttempt('softfail') },
      { label: 'SPF pass, allowed only with SPF', attempt: namedAttempt('bank') },
      { label: 'bare HELO scored', attempt: attempt(fresh(), { helo: 'localhost' }) },
      { label: 'no PTR: greylist action', attempt: namedAttempt('no-ptr') },
    ],
  };
}

export function dryRunPhases(): Phase[] {
  return [dryRun('mx1-dry-run', 'mx1'), dryRun('mx3-dry-run', 'mx3'), notEnforced()];
}
