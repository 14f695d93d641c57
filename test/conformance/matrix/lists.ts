// DNS lists on postscreen servers (mx1, mx2): weights below, at and above the threshold, return-code
// filters, which list the reply names, a DNSWL pulling a score down and the allowlist threshold,
// lists slower than the greet wait or never answering. Greylisting is off so the lists decide.
// Listings are those of the lab's Internet (test/lab/internet.ts). Runtime: pure.

import {
  attempt,
  fresh,
  freshListed,
  freshSlow,
  namedAttempt,
  type Case,
  type Phase,
} from '../cases';
import { BL, DEAD, SLOW, WL, ZEN, list, quiet } from '../policies';

const times = (n: number, make: () => Case): Case[] => Array.from({ length: n }, make);

const clean = (n: number): Case[] =>
  times(n, () => ({ label: 'unlisted client', attempt: attempt(fresh()) }));

/** mx1: threshold 5; zen's codes weighted apart, bl adds, wl subtracts. */
function weights(): Phase {
  const p = quiet('weights around the threshold');
  p.dnsbl = {
    threshold: 5,
    allowlistThreshold: -1,
    lists: [
      list(ZEN, 3, '127.0.0.2'),
      list(ZEN, 5, '127.0.0.[4..7]'),
      list(ZEN, 4, '127.0.0.10'),
      list(ZEN, 6, '127.0.0.11'),
      list(ZEN, 1, '127.0.0.3'),
      list(BL, 2),
      list(WL, -2, '127.0.10.2'),
      list(WL, -6, '127.0.10.3'),
    ],
  };
  return {
    id: 'mx1-weights',
    server: 'mx1',
    about: 'weighted lists against threshold 5 (allowlist threshold -1)',
    policy: p,
    cases: [
      {
        label: 'zen 127.0.0.2 (3) + bl (2) = 5: at the threshold',
        attempt: namedAttempt('zen-sbl'),
      },
      { label: 'zen 127.0.0.4 (5): at the threshold', attempt: namedAttempt('zen-xbl') },
      { label: 'zen 127.0.0.10 (4): just below', attempt: namedAttempt('zen-pbl') },
      { label: 'zen 127.0.0.11 (6): above', attempt: attempt('127.20.0.11') },
      { label: 'zen 127.0.0.3 (1): far below', attempt: namedAttempt('shared') },
      { label: 'bl only (2): below', attempt: namedAttempt('bl-only') },
      { label: 'wl 127.0.10.2 (-2): allowlisted', attempt: namedAttempt('allowlisted') },
      { label: 'wl 127.0.10.3 (-6): allowlisted', attempt: namedAttempt('allowlisted-high') },
      { label: 'listed network zen 127.0.0.4 (5)', attempt: namedAttempt('listed-net') },
      ...times(4, () => ({
        label: 'listed network, fresh address',
        attempt: attempt(freshListed()),
      })),
      ...times(2, () => ({ label: 'slow list not configured', attempt: attempt(freshSlow()) })),
      ...clean(4),
      ...times(2, () => ({ label: 'talks first', attempt: attempt(fresh(), { pregreet: true }) })),
    ],
  };
}

/** mx2: which list postscreen names when several count, and weights that tie. */
function naming(): Phase {
  const p = quiet('which list the reply names');
  p.dnsbl = {
    threshold: 4,
    allowlistThreshold: 0,
    lists: [
      list(ZEN, 2, '127.0.0.2'),
      list(BL, 3),
      list(SLOW, 2),
      list(ZEN, 4, '127.0.0.[4..7]'),
      list(ZEN, 3, '127.0.0.[10;11]'),
    ],
  };
  p.earlyTalker.greetWaitSeconds = 3;
  return {
    id: 'mx2-naming',
    server: 'mx2',
    about: 'zen 2 + bl 3 + slow 2: the largest weight is named; threshold 4',
    policy: p,
    cases: [
      { label: 'zen (2) + bl (3) + slow (2) = 7', attempt: namedAttempt('zen-sbl') },
      { label: 'bl alone (3): below', attempt: namedAttempt('bl-only') },
      { label: 'zen 127.0.0.4 (4): at', attempt: namedAttempt('zen-xbl') },
      { label: 'zen 127.0.0.10 (3): below', attempt: namedAttempt('zen-pbl') },
      { label: 'zen 127.0.0.11 (3): below', attempt: attempt('127.20.0.11') },
      { label: 'zen 127.0.0.3: outside every filter', attempt: namedAttempt('shared') },
      ...times(2, () => ({ label: 'slow list alone (2): below', attempt: attempt(freshSlow()) })),
      ...times(2, () => ({ label: 'listed network (4)', attempt: attempt(freshListed()) })),
      ...clean(2),
    ],
  };
}

/** mx2: two lists with the same weight; which one does postscreen name? */
function tie(): Phase {
  const p = quiet('two lists tie');
  p.dnsbl = {
    threshold: 4,
    allowlistThreshold: 0,
    lists: [list(BL, 2), list(ZEN, 2, '127.0.0.2'), list(ZEN, 4, '127.0.0.[4..7]')],
  };
  return {
    id: 'mx2-tie',
    server: 'mx2',
    about: 'bl 2 and zen 2 for the same client: a tie for the largest weight',
    policy: p,
    cases: [
      { label: 'bl (2) + zen (2) = 4: tie', attempt: namedAttempt('zen-sbl') },
      { label: 'zen 127.0.0.4 (4)', attempt: namedAttempt('zen-xbl') },
      { label: 'bl alone (2)', attempt: namedAttempt('bl-only') },
      ...times(2, () => ({ label: 'listed network (4)', attempt: attempt(freshListed()) })),
      ...clean(2),
    ],
  };
}

/** mx2: a negative weight pulls a listed client below the threshold; allowlist threshold -3. */
function dnswl(): Phase {
  const p = quiet('DNSWL pulls the score down');
  p.dnsbl = {
    threshold: 4,
    allowlistThreshold: -3,
    lists: [
      list(ZEN, 5, '127.0.0.[2..11]'),
      // bl's answer used as an allowlist here: the one lab client on two lists gets 5 - 3.
      list(BL, -3, '127.0.0.2'),
      list(WL, -4, '127.0.10.[2..3]'),
    ],
  };
  return {
    id: 'mx2-dnswl',
    server: 'mx2',
    about: 'zen 5 with an allowlist entry of -3: 2 < 4 passes; -3 reaches the allowlist threshold',
    policy: p,
    cases: [
      { label: 'zen 5 - 3 = 2: pulled below', attempt: namedAttempt('zen-sbl') },
      { label: 'zen 127.0.0.4 (5)', attempt: namedAttempt('zen-xbl') },
      { label: 'zen 127.0.0.10 (5)', attempt: namedAttempt('zen-pbl') },
      { label: 'zen 127.0.0.3 (5)', attempt: namedAttempt('shared') },
      { label: 'allowlist entry alone (-3): allowlisted', attempt: namedAttempt('bl-only') },
      { label: 'wl (-4): allowlisted', attempt: namedAttempt('allowlisted') },
      { label: 'wl 127.0.10.3 (-4): allowlisted', attempt: namedAttempt('allowlisted-high') },
      ...times(3, () => ({ label: 'listed network (5)', attempt: attempt(freshListed()) })),
      ...clean(2),
      ...times(2, () => ({ label: 'talks first', attempt: attempt(fresh(), { pregreet: true }) })),
    ],
  };
}

/** The slow list answers after 1.5 s, the dead one never: counted or not by the greet wait. */
function slow(id: string, server: 'mx1' | 'mx2', greetWait: number): Phase {
  const p = quiet(`slow lists, greet wait ${greetWait} s`);
  p.dnsbl = {
    threshold: 3,
    allowlistThreshold: 0,
    lists: [list(SLOW, 3), list(DEAD, 3), list(ZEN, 1, '127.0.0.10')],
  };
  p.earlyTalker.greetWaitSeconds = greetWait;
  return {
    id,
    server,
    about: `a list slower than (or within) the greet wait of ${greetWait} s, and one that never answers`,
    policy: p,
    cases: [
      ...times(3, () => ({
        label: `slow list (3), greet wait ${greetWait} s`,
        attempt: attempt(freshSlow()),
      })),
      { label: 'slow (3) + dead (never answers)', attempt: namedAttempt('zen-sbl') },
      { label: 'zen 127.0.0.10 (1)', attempt: namedAttempt('zen-pbl') },
      ...clean(2),
    ],
  };
}

export function listPhases(): Phase[] {
  return [
    weights(),
    naming(),
    tie(),
    dnswl(),
    slow('mx1-slow-counted', 'mx1', 3),
    slow('mx2-slow-too-late', 'mx2', 1),
  ];
}
