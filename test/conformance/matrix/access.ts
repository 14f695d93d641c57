// Allow and deny entries with greylisting on (mx1: postscreen + postgrey): clients by address,
// network, host-name suffix (verified names only) and regex, each allow scope; senders by address,
// @domain and domain with subdomains; recipients exempt from filtering. A client that passes every
// list meets postgrey's first-attempt deferral, so "accepted" means an allowlist let it through.
// Runtime: pure.

import { attempt, fresh, inNet, LOCAL, namedAttempt, type Phase } from '../cases';
import { ZEN, client, greylisting, list, recipient, sender } from '../policies';

function clients(): Phase {
  const p = greylisting('client allow and deny');
  p.dnsbl = { threshold: 1, allowlistThreshold: 0, lists: [list(ZEN, 1, '127.0.0.[2..11]')] };
  p.clients.deny = [
    client('127.98.10.5'),
    client('127.98.11.0/24'),
    client('news.example'),
    client('isp.example'),
    client('/^mail\\.(bank|nospf)\\.example$/'),
    client('127.98.12.7'),
  ];
  p.clients.allow = [
    client('127.98.12.7'),
    client('127.98.13.0/24'),
    client('trusted.example'),
    client('shared.example'),
    client('/^mail\\.shop\\./'),
    client('127.98.14.0/24', 'greylisting'),
    client('127.98.15.0/24', 'dnsbl'),
    client('127.21.250.0/24'),
    client('127.21.251.0/24', 'dnsbl'),
    client('127.21.252.0/24', 'postscreen'),
    client('127.21.253.0/24', 'greylisting'),
  ];
  return {
    id: 'mx1-clients',
    server: 'mx1',
    about: 'client entries: address, network, host-name suffix, regex; deny beats allow',
    policy: p,
    cases: [
      { label: 'denied address (postscreen)', attempt: attempt(inNet(10, 5)) },
      { label: 'denied network (postscreen)', attempt: attempt(inNet(11, 3)) },
      { label: 'denied network, last address', attempt: attempt(inNet(11, 254)) },
      { label: 'denied and allowed address: deny wins', attempt: attempt(inNet(12, 7)) },
      { label: 'denied name suffix news.example', attempt: namedAttempt('softfail') },
      { label: 'name suffix isp.example, PTR unconfirmed', attempt: namedAttempt('dynamic') },
      { label: 'denied regex, mail.bank.example', attempt: namedAttempt('bank') },
      { label: 'denied regex, mail.nospf.example', attempt: namedAttempt('nospf') },
      { label: 'PTR elsewhere, not confirmed', attempt: namedAttempt('mismatch') },
      { label: 'allowed network', attempt: attempt(inNet(13, 4)) },
      { label: 'allowed name suffix trusted.example', attempt: namedAttempt('allowlisted') },
      { label: 'allowed name suffix, second host', attempt: namedAttempt('allowlisted-high') },
      { label: 'allowed regex mail.shop.', attempt: namedAttempt('shop') },
      { label: 'allowed for greylisting', attempt: attempt(inNet(14, 9)) },
      { label: 'allowed for DNS lists (unlisted)', attempt: attempt(inNet(15, 9)) },
      { label: 'listed, allowed (all)', attempt: attempt('127.21.250.9') },
      { label: 'listed, allowed for DNS lists', attempt: attempt('127.21.251.9') },
      { label: 'listed, allowed for postscreen', attempt: attempt('127.21.252.9') },
      { label: 'listed, allowed for greylisting only', attempt: attempt('127.21.253.9') },
      { label: 'unlisted, no entry', attempt: attempt(fresh()) },
      {
        label: 'listed, allowed by name: postscreen knows no names',
        attempt: namedAttempt('shared'),
      },
    ],
  };
}

function senders(): Phase {
  const p = greylisting('sender allow and deny; exempt recipients');
  p.senders.deny = [
    sender('bad@spam.example'),
    sender('@spam.example'),
    sender('evil.example'),
    sender('boss@corp.example'),
    sender('both@friend.example'),
  ];
  p.senders.allow = [sender('friend.example'), sender('vip@partner.example')];
  p.clients.deny = [client('news.example'), client('127.98.16.0/24')];
  p.recipients.exempt = [
    ...p.recipients.exempt,
    recipient(`bob@${LOCAL}`),
    recipient('/^alice\\+vip@/'),
    recipient('/^alice\\+v\\d@/'),
  ];
  const from = (s: string) => attempt(fresh(), { sender: s });
  const to = (r: string, address = fresh()) => attempt(address, { recipient: r });
  return {
    id: 'mx1-senders',
    server: 'mx1',
    about: 'sender entries and recipients exempt from filtering',
    policy: p,
    cases: [
      { label: 'denied sender address', attempt: from('bad@spam.example') },
      { label: 'denied @domain', attempt: from('other@spam.example') },
      { label: '@domain does not cover a subdomain', attempt: from('x@mail.spam.example') },
      { label: 'denied domain', attempt: from('x@evil.example') },
      { label: 'denied domain covers a subdomain', attempt: from('x@mail.evil.example') },
      { label: 'a longer domain is another domain', attempt: from('x@notevil.example') },
      { label: 'denied address, other case', attempt: from('BOSS@Corp.Example') },
      { label: 'denied address with +extension', attempt: from('boss+news@corp.example') },
      { label: 'denied neighbour address is not denied', attempt: from('bossy@corp.example') },
      { label: 'denied and allowed: deny wins', attempt: from('both@friend.example') },
      { label: 'allowed domain', attempt: from('x@friend.example') },
      { label: 'allowed domain covers a subdomain', attempt: from('x@lists.friend.example') },
      { label: 'allowed address', attempt: from('vip@partner.example') },
      { label: 'allowed address with +extension', attempt: from('vip+x@partner.example') },
      { label: 'null sender', attempt: from('') },
      { label: 'postmaster is exempt', attempt: to(`postmaster@${LOCAL}`) },
      { label: 'Postmaster, other case', attempt: to(`Postmaster@${LOCAL}`) },
      { label: 'abuse is exempt', attempt: to(`abuse@${LOCAL}`) },
      { label: 'exempt address', attempt: to(`bob@${LOCAL}`) },
      { label: 'exempt address with +extension', attempt: to(`bob+lists@${LOCAL}`) },
      { label: 'exempt regex', attempt: to(`alice+vip@${LOCAL}`) },
      { label: 'exempt regex with \\d', attempt: to(`alice+v7@${LOCAL}`) },
      { label: 'not exempt', attempt: to(`alice+other@${LOCAL}`) },
      {
        label: 'client denied by network (postscreen) writes to postmaster',
        attempt: to(`postmaster@${LOCAL}`, '127.98.16.4'),
      },
      {
        label: 'client denied by name (smtpd) writes to postmaster',
        attempt: namedAttempt('softfail', { recipient: `postmaster@${LOCAL}` }),
      },
      {
        label: 'client denied by name writes to bob (exempt)',
        attempt: namedAttempt('softfail', { recipient: `bob@${LOCAL}` }),
      },
      { label: 'client denied by name writes to alice', attempt: namedAttempt('softfail') },
    ],
  };
}

export function accessPhases(): Phase[] {
  return [clients(), senders()];
}
