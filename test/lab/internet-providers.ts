// Fake cloud senders in the lab's Internet: SPF records for every case expansion must handle —
// include chains with adjacent and nested ranges, redirect (and a redirect ignored beside "all"),
// a and mx with CIDR lengths, ptr, exists and macros, a loop, void lookups, an over-deep chain,
// malformed and duplicate records, a timeout (an include into the dead list's zone), IPv6, and a
// provider whose ranges change (ROTATING: a test publishes `after` through the lab DNS's runtime
// zones and the next expansion must show the exact diff). Addresses are in 127.50–127.60.x.x,
// which no lab client or pool uses; IPv6 in 2001:db8:50::/44.
// Runtime: Node (lab) — data only.

import type { LabDomain } from './internet';

const spf = (...terms: string[]) => `v=spf1 ${terms.join(' ')}`;

/** The record of the changing provider before and after the change a test makes. */
export const ROTATING = {
  zone: 'rotating.example',
  name: '_spf.rotating.example',
  before: spf(
    'ip4:127.60.0.0/24',
    'ip4:127.60.1.0/24',
    'ip4:127.60.8.0/22',
    'ip6:2001:db8:60::/64',
    '-all',
  ),
  after: spf(
    'ip4:127.60.0.0/23',
    'ip4:127.60.5.0/24',
    'ip4:127.60.8.0/23',
    'ip6:2001:db8:60:1::/64',
    '-all',
  ),
} as const;

/** The rotating provider's zone with its record in one state (what a test publishes). */
export function rotatingZone(state: 'before' | 'after'): LabDomain {
  return { zone: ROTATING.zone, records: { [ROTATING.name]: { txt: [ROTATING[state]] } } };
}

const deepChain: LabDomain['records'] = Object.fromEntries(
  Array.from({ length: 13 }, (_, i) => {
    const name = i === 0 ? '_spf.deep.example' : `l${i}.deep.example`;
    const next = i < 12 ? [`include:l${i + 1}.deep.example`] : [];
    return [name, { txt: [spf(...next, `ip4:127.57.${i}.0/24`, '-all')] }];
  }),
);

export const PROVIDER_DOMAINS: readonly LabDomain[] = [
  {
    // Three levels of includes; 127.50.0.0/24 + .1.0/25 + .1.128/25 merge to a /23, and
    // 127.50.0.64/26 lies inside it; 2001:db8:50:8000::/49 lies inside 2001:db8:50::/48.
    zone: 'chain.example',
    records: {
      '_spf.chain.example': {
        txt: [spf('include:_a.chain.example', 'include:_b.chain.example', '~all')],
      },
      '_a.chain.example': {
        txt: [spf('ip4:127.50.0.0/24', 'ip4:127.50.1.0/25', 'ip4:127.50.1.128/25', '-all')],
      },
      '_b.chain.example': {
        txt: [spf('ip4:127.50.0.64/26', 'include:_c.chain.example', '-all')],
      },
      '_c.chain.example': {
        txt: [spf('ip6:2001:db8:50::/48', 'ip6:2001:db8:50:8000::/49', 'ip4:127.50.9.9', '-all')],
      },
    },
  },
  {
    zone: 'redirect.example',
    records: {
      'redirect.example': { txt: [spf('redirect=_spf.redirect.example')] },
      '_spf.redirect.example': { txt: [spf('ip4:127.51.0.0/24', 'ip6:2001:db8:51::/64', '-all')] },
      // RFC 7208 §6.1: a record with "all" ignores its redirect.
      'withall.redirect.example': {
        txt: [spf('ip4:127.51.1.0/24', '-all', 'redirect=_spf.redirect.example')],
      },
    },
  },
  {
    zone: 'amx.example',
    records: {
      '_spf.amx.example': {
        txt: [spf('a', 'a:out.amx.example/28', 'mx', 'mx:relay.amx.example/24//64', '-all')],
        a: ['127.52.0.1'],
        mx: [
          { preference: 10, exchange: 'mx1.amx.example' },
          { preference: 20, exchange: 'mx2.amx.example' },
        ],
      },
      'out.amx.example': { a: ['127.52.1.17'], aaaa: ['2001:db8:52::17'] },
      'mx1.amx.example': { a: ['127.52.2.1'] },
      'mx2.amx.example': { a: ['127.52.2.2'], aaaa: ['2001:db8:52:2::2'] },
      'relay.amx.example': { mx: [{ preference: 10, exchange: 'r.amx.example' }] },
      'r.amx.example': { a: ['127.52.3.5'], aaaa: ['2001:db8:52:3::5'] },
    },
  },
  {
    // ptr with a domain, and a bare ptr (the record's own domain).
    zone: 'ptr.example',
    records: {
      'ptr.example': { txt: [spf('ptr:out.ptr.example', 'ptr', 'ip4:127.53.0.0/24', '?all')] },
    },
  },
  {
    zone: 'macro.example',
    records: {
      'macro.example': {
        txt: [
          spf(
            'exists:%{i}._spf.macro.example',
            'include:%{ir}.%{v}.%{d}.spf.macro.example',
            'ip4:127.54.0.0/24',
            '~all',
          ),
        ],
      },
    },
  },
  {
    zone: 'loop.example',
    records: {
      '_spf.loop.example': { txt: [spf('include:_x.loop.example', 'ip4:127.55.0.0/24', '-all')] },
      '_x.loop.example': { txt: [spf('include:_spf.loop.example', 'ip4:127.55.1.0/24', '-all')] },
    },
  },
  {
    // Three void lookups (a receiver's limit is two): an include of a name that does not exist,
    // a: of a name without addresses, mx: of a name without MX; and an include whose TXT is not
    // SPF at all.
    zone: 'void.example',
    records: {
      '_spf.void.example': {
        txt: [
          spf(
            'include:gone.void.example',
            'a:nohost.void.example',
            'mx:nomx.void.example',
            'include:text.void.example',
            'ip4:127.56.0.0/24',
            '-all',
          ),
        ],
      },
      'nohost.void.example': { txt: ['not a host'] },
      'nomx.void.example': { a: ['127.56.1.1'] },
      'text.void.example': { txt: ['hello, not SPF'] },
    },
  },
  { zone: 'deep.example', records: deepChain },
  {
    zone: 'bad.example',
    records: {
      '_spf.bad.example': { txt: [spf('ip4:127.58.0.0/24', 'ip6:2001:db8:58::g/64', '-all')] },
      'two.bad.example': {
        txt: [spf('ip4:127.58.1.0/24', '-all'), spf('ip4:127.58.2.0/24', '-all')],
      },
      'family.bad.example': { txt: [spf('ip4:2001:db8:58::1', '-all')] },
      'prefix.bad.example': { txt: [spf('ip4:127.58.3.0/33', '-all')] },
    },
  },
  {
    // Its include is a name in the dead list's zone, which the lab DNS never answers.
    zone: 'slowpoke.example',
    records: {
      '_spf.slowpoke.example': {
        txt: [spf('ip4:127.59.0.0/24', 'include:spf.dead.lab.example', '-all')],
      },
    },
  },
  rotatingZone('before'),
];
