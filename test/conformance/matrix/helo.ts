// HELO forms against reject_invalid_helo_hostname, reject_non_fqdn_helo_hostname and the table of
// our own names: fully-qualified names (with a root dot, underscores, numeric labels), bare words,
// address literals good and bad, bare addresses, syntax errors, our names in every spelling —
// with both checks on (mx1), the non-FQDN check alone (mx2), and deferring instead (mx3).
// Runtime: pure.

import { attempt, fresh, type Phase } from '../cases';
import { act, quiet } from '../policies';

const OUR_NAMES = ['mx1.lab.example', '[127.0.0.1]', 'mail.lab.example.'];

const FORMS: readonly string[] = [
  'mail.example.com',
  'mail.example.com.',
  'under_score.example.com',
  '_dmarc.example.com',
  '123.example',
  'example.123',
  '1-2.3',
  'localhost',
  'localhost.',
  'WIN-7F2K',
  '[192.0.2.1]',
  '[01.2.3.4]',
  '[IPv6:2001:db8::1]',
  '[ipv6:2001:db8::1]',
  '[2001:db8::1]',
  '[IPv6:192.0.2.1]',
  '[IPv6:2001:db8::zz]',
  '[999.1.1.1]',
  '[1.2.3]',
  '[foo]',
  '[foo',
  '192.0.2.1',
  '2001:db8::1',
  '1.2.3',
  'mail..example.org',
  'host..',
  '-bad.example.com',
  'a.b-.example',
  `${'x'.repeat(64)}.example`,
  'mx1.lab.example',
  'MX1.Lab.Example',
  'mx1.lab.example.',
  'sub.mx1.lab.example',
  '[127.0.0.1]',
  '127.0.0.1',
  'mail.lab.example',
];

function phase(
  id: string,
  server: 'mx1' | 'mx2' | 'mx3',
  about: string,
  invalid: 'reject' | 'defer' | 'off',
  nonFqdn: 'reject' | 'defer' | 'off',
  claims: 'reject' | 'defer' | 'off',
  forms: readonly string[],
): Phase {
  const p = quiet(about);
  p.helo = {
    invalid: act(invalid),
    nonFqdn: act(nonFqdn),
    claimsToBeUs: act(claims),
    ourNames: OUR_NAMES,
  };
  return {
    id,
    server,
    about,
    policy: p,
    cases: forms.map((helo) => ({ label: `HELO ${helo}`, attempt: attempt(fresh(), { helo }) })),
  };
}

export function heloPhases(): Phase[] {
  return [
    phase(
      'mx1-helo',
      'mx1',
      'both HELO checks and our names reject',
      'reject',
      'reject',
      'reject',
      FORMS,
    ),
    phase(
      'mx2-helo-fqdn-only',
      'mx2',
      'only the non-FQDN check',
      'off',
      'reject',
      'off',
      FORMS.filter((_, i) => i % 2 === 0),
    ),
    phase(
      'mx3-helo-defer',
      'mx3',
      'the HELO checks defer',
      'defer',
      'defer',
      'defer',
      FORMS.filter((_, i) => i % 2 === 1),
    ),
  ];
}
