// Greylisting through postgrey: first try, early retries, the retry after the delay, later passes,
// auto-whitelisting, sender normalisation (+extension, BATV, VERP numbers), exceptions by client
// (address, network, name suffix, regex) and recipient, lookups per address (mx1) and per /24
// (mx2), dry-run, and what postgrey cannot be told (it greylists everyone, always normalises).
// Retries wait the delay (2 s) plus a second: both sides count whole seconds. Runtime: pure.

import {
  attempt,
  fresh,
  inNet,
  LOCAL,
  namedAttempt,
  type Attempt,
  type Case,
  type Phase,
} from '../cases';
import { GREYLIST_DELAY_S, client, greylisting, recipient, sender } from '../policies';

const AFTER_DELAY_MS = (GREYLIST_DELAY_S + 1) * 1000;

/** The same attempt, or one with some fields changed, later in the same flow. */
const again = (label: string, a: Attempt, waitMs = 0, over: Partial<Attempt> = {}): Case => ({
  label,
  attempt: { ...a, ...over },
  ...(waitMs ? { waitMs } : {}),
});

/** Cases from several addresses that must run in this order (one flow). */
const inFlow = (flow: string, cases: Case[]): Case[] => cases.map((c) => ({ ...c, flow }));

/** A first try, then the retry after the delay with another spelling of the sender. */
function senderPair(label: string, first: string, retry: string): Case[] {
  const a = attempt(fresh(), { sender: first });
  return [
    again(`${label}: first try (${first})`, a),
    again(`${label}: retry after the delay (${retry})`, a, AFTER_DELAY_MS, { sender: retry }),
  ];
}

function perHost(): Phase {
  const p = greylisting('greylisting per address', { autoWhitelistAfter: 1 });
  p.greylisting.exceptions.clients = [
    client('shop.example'),
    client('isp.example'),
    client('/^mail\\.bank\\./'),
    client('127.98.20.0/24'),
    client('127.98.21.5'),
  ];
  p.greylisting.exceptions.recipients = [
    recipient('bob@'),
    recipient(`root@${LOCAL}`),
    recipient('/^alice\\+nogrey/'),
  ];
  const a = attempt(fresh());
  const b = attempt(fresh());
  const awl = namedAttempt('nospf');
  const movedFirst = attempt(inNet(23, 1));
  return {
    id: 'mx1-greylist',
    server: 'mx1',
    about: 'postgrey per address, delay 2 s, auto-whitelist after 1 delivery',
    policy: p,
    cases: [
      again('first try', a),
      again('early retry', a, 200),
      again('retry after the delay', a, AFTER_DELAY_MS),
      again('triplet passed before', a),
      again('another triplet: client auto-whitelisted', a, 0, { sender: 'other@sender.example' }),
      again('first try', b),
      again('early retry', b, 500),
      again('early retry again', b, 500),
      again('retry after the delay', b, AFTER_DELAY_MS - 1000),
      again('first try (confirmed client)', awl),
      again('retry after the delay', awl, AFTER_DELAY_MS),
      again('another triplet: auto-whitelisted', awl, 0, { recipient: `alice+again@${LOCAL}` }),
      ...senderPair('+extension', 'news+a@shop.example', 'news+b@shop.example'),
      ...senderPair('BATV', 'prvs=1234abcdef=news@shop.example', 'news@shop.example'),
      ...senderPair('BATV, tag last', 'prvs=news=1234abcdef@shop.example', 'news@shop.example'),
      ...senderPair(
        'BATV, upper-case tag',
        'prvs=news=ABCDEF1234@shop.example',
        'news@shop.example',
      ),
      ...senderPair(
        'msprvs tag (postgrey keeps it)',
        'msprvs1=18abcdef=news@shop.example',
        'news@shop.example',
      ),
      ...senderPair('VERP numbers', 'list-123-456@lists.example', 'list-789-12@lists.example'),
      ...senderPair('digits inside a word', 'user123@lists.example', 'user456@lists.example'),
      ...senderPair('sender case', 'News@Shop.Example', 'news@shop.example'),
      ...inFlow('moved', [
        again('first try from one address', movedFirst),
        again('retry from the next address: another triplet', movedFirst, AFTER_DELAY_MS, {
          address: inNet(23, 2),
        }),
      ]),
      { label: 'exception: name suffix shop.example', attempt: namedAttempt('shop') },
      { label: 'exception: name suffix, PTR unconfirmed', attempt: namedAttempt('dynamic') },
      { label: 'exception: regex mail.bank.', attempt: namedAttempt('bank') },
      { label: 'exception: network', attempt: attempt(inNet(20, 7)) },
      { label: 'exception: address', attempt: attempt(inNet(21, 5)) },
      { label: 'next to the excepted address', attempt: attempt(inNet(21, 6)) },
      {
        label: 'exception: recipient bob@',
        attempt: attempt(fresh(), { recipient: `bob@${LOCAL}` }),
      },
      {
        label: 'exception: bob@ with +extension',
        attempt: attempt(fresh(), { recipient: `bob+x@${LOCAL}` }),
      },
      {
        label: 'exception: root@lab.example',
        attempt: attempt(fresh(), { recipient: `root@${LOCAL}` }),
      },
      {
        label: 'exception: recipient regex',
        attempt: attempt(fresh(), { recipient: `alice+nogrey@${LOCAL}` }),
      },
      {
        label: 'exception: regex, other case',
        attempt: attempt(fresh(), { recipient: `Alice+NoGrey@${LOCAL}` }),
      },
      {
        label: 'exempt from filtering: postmaster',
        attempt: attempt(fresh(), { recipient: `postmaster@${LOCAL}` }),
      },
    ],
  };
}

function perNetwork(): Phase {
  const p = greylisting('greylisting per /24', {
    perHost: false,
    ipv4Prefix: 24,
    autoWhitelistAfter: 1,
  });
  const s = attempt(inNet(40, 10));
  const t = attempt(inNet(41, 10));
  const u = attempt(inNet(42, 10));
  return {
    id: 'mx2-greylist-subnet',
    server: 'mx2',
    about: 'postgrey per /24 (--lookup-by-subnet), auto-whitelist after 1 delivery',
    policy: p,
    cases: [
      ...inFlow('S', [
        again('first try', s),
        again('retry from a neighbour in the /24', s, AFTER_DELAY_MS, { address: inNet(40, 11) }),
      ]),
      ...inFlow('T', [
        again('first try', t),
        again('retry after the delay', t, AFTER_DELAY_MS),
        again('neighbour, new triplet: auto-whitelisting is per address', t, 0, {
          address: inNet(41, 11),
          sender: 'other@sender.example',
        }),
        again('same address, new triplet: auto-whitelisted', t, 0, {
          sender: 'third@sender.example',
        }),
      ]),
      ...inFlow('U', [
        again('first try', u),
        again('retry from another /24', u, AFTER_DELAY_MS, { address: inNet(43, 10) }),
      ]),
    ],
  };
}

function dryRun(): Phase {
  const p = greylisting('greylisting in dry-run', { dryRun: true });
  return {
    id: 'mx1-greylist-dryrun',
    server: 'mx1',
    about: 'greylisting in dry-run: warn_if_reject before the policy service',
    policy: p,
    cases: [
      ...Array.from({ length: 3 }, () => ({ label: 'first try', attempt: attempt(fresh()) })),
      { label: 'first try (confirmed client)', attempt: namedAttempt('shop') },
    ],
  };
}

/** What postgrey cannot be told: the engine must still predict what postgrey does. */
function beyondPostgrey(): Phase {
  const p = greylisting('greylisting postgrey cannot tailor', { applyTo: 'no-rdns' });
  p.greylisting.normalizeSender = { batv: false, plusExtension: false, verpDigits: false };
  p.greylisting.exceptions.spfValidatedSenders = [sender('shop.example')];
  return {
    id: 'mx2-greylist-beyond-postgrey',
    server: 'mx2',
    about:
      'only clients without rDNS, SPF-validated senders, normalisation off: postgrey does none',
    policy: p,
    cases: [
      {
        label: 'confirmed rDNS (would be exempt with the policy service)',
        attempt: namedAttempt('nospf'),
      },
      { label: 'SPF pass for shop.example', attempt: namedAttempt('shop') },
      { label: 'no rDNS', attempt: attempt(fresh()) },
      ...senderPair(
        '+extension with normalisation off',
        'news+a@shop.example',
        'news+b@shop.example',
      ),
    ],
  };
}

/** A policy that exempts nobody: postmaster@ and abuse@ are greylisted like anyone else. */
function noExemptions(): Phase {
  const p = greylisting('greylisting without exemptions');
  p.recipients.exempt = [];
  return {
    id: 'mx1-greylist-no-exemptions',
    server: 'mx1',
    about: 'no exempt recipients, no exceptions: the policy greylists postmaster@ too',
    policy: p,
    cases: [
      { label: 'postmaster', attempt: attempt(fresh(), { recipient: `postmaster@${LOCAL}` }) },
      { label: 'abuse', attempt: attempt(fresh(), { recipient: `abuse@${LOCAL}` }) },
      { label: 'alice', attempt: attempt(fresh()) },
    ],
  };
}

export function greylistPhases(): Phase[] {
  return [perHost(), perNetwork(), dryRun(), beyondPostgrey(), noExemptions()];
}
