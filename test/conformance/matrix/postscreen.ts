// postscreen's own tests on mx2: the pregreet test with each action (enforce is in lists.ts),
// switched off, and its access list (addresses and networks; postscreen knows no names).
// Runtime: pure.

import { attempt, fresh, inNet, namedAttempt, type Case, type Phase } from '../cases';
import { client, list, quiet, ZEN } from '../policies';

const talkers = (n: number): Case[] =>
  Array.from({ length: n }, () => ({
    label: 'talks before the banner',
    attempt: attempt(fresh(), { pregreet: true }),
  }));

const polite = (n: number): Case[] =>
  Array.from({ length: n }, () => ({ label: 'waits for the banner', attempt: attempt(fresh()) }));

function pregreet(action: 'drop' | 'ignore' | 'off'): Phase {
  const p = quiet(`pregreet ${action}`);
  if (action === 'off') p.earlyTalker.enabled = false;
  else p.earlyTalker.action = action;
  return {
    id: `mx2-pregreet-${action}`,
    server: 'mx2',
    about: `postscreen_greet_action ${action === 'off' ? 'ignore (the test is off)' : action}`,
    policy: p,
    cases: [...talkers(3), ...polite(2)],
  };
}

/** postscreen_access_list: deny and allow by address and network, before the lists. */
function access(): Phase {
  const p = quiet('postscreen access list');
  p.dnsbl = { threshold: 1, allowlistThreshold: 0, lists: [list(ZEN, 1, '127.0.0.[2..11]')] };
  p.clients.deny = [client('127.98.60.0/24'), client('127.98.61.9'), client('127.10.0.50')];
  p.clients.allow = [
    client('127.21.60.0/24'),
    client('127.21.61.0/24', 'postscreen'),
    client('127.21.62.0/24', 'dnsbl'),
    client('127.21.63.0/24', 'greylisting'),
    client('127.98.60.5'),
  ];
  return {
    id: 'mx2-postscreen-access',
    server: 'mx2',
    about: 'postscreen_access_list denies and permits addresses before its DNSBL and greet tests',
    policy: p,
    cases: [
      { label: 'denied network', attempt: attempt(inNet(60, 7)) },
      {
        label: 'denied network, also allowed by address: deny wins',
        attempt: attempt(inNet(60, 5)),
      },
      { label: 'denied address', attempt: attempt(inNet(61, 9)) },
      { label: 'neighbour of a denied address', attempt: attempt(inNet(61, 10)) },
      { label: 'denied address with a confirmed PTR', attempt: namedAttempt('nospf') },
      { label: 'listed, allowed (all)', attempt: attempt('127.21.60.4') },
      {
        label: 'listed, allowed (all), talks first',
        attempt: attempt('127.21.60.5', { pregreet: true }),
      },
      { label: 'listed, allowed for postscreen', attempt: attempt('127.21.61.4') },
      {
        label: 'listed, allowed for postscreen, talks first',
        attempt: attempt('127.21.61.5', { pregreet: true }),
      },
      { label: 'listed, allowed for DNS lists', attempt: attempt('127.21.62.4') },
      { label: 'listed, allowed for greylisting only', attempt: attempt('127.21.63.4') },
      { label: 'unlisted, talks first', attempt: attempt(fresh(), { pregreet: true }) },
    ],
  };
}

export function postscreenPhases(): Phase[] {
  return [pregreet('drop'), pregreet('ignore'), pregreet('off'), access()];
}
