// Quoting is checked against a real POSIX shell: whatever the argument, sh must see it verbatim.

import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteArg, quoteArgv } from '../../../core/servers/ssh/shell-quote';

/** What `sh -c` receives as arguments after parsing our command line. */
function shellSees(args: string[]): string[] {
  const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${args.map(quoteArg).join(' ')}`], {
    encoding: 'latin1',
  });
  return out.split('\0').slice(0, -1);
}

/** Shell I/O is bytes: compare UTF-8 bytes (read back as latin1) to avoid decoding noise. */
const asBytes = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

const HOSTILE = [
  '; touch /tmp/pwned',
  '$(touch /tmp/pwned)',
  '`touch /tmp/pwned`',
  "it's",
  '"quoted"',
  'a\nb',
  '*',
  '~root',
  '-rf',
  '$HOME',
  '\\',
  "'",
  "''",
  '!',
  '#comment',
  ' lead',
  'tab\there',
  'ünïcödé',
];

describe('shell quoting', () => {
  it('passes hostile arguments through sh verbatim', () => {
    expect(shellSees(HOSTILE)).toEqual(HOSTILE.map(asBytes));
  });

  it('passes any byte string without NUL verbatim (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: 'binary', minLength: 1 }).filter((s) => !s.includes('\0')),
          { minLength: 1, maxLength: 5 },
        ),
        (args) => {
          expect(shellSees(args)).toEqual(args.map(asBytes));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('leaves plain words readable and refuses NUL and empty commands', () => {
    expect(quoteArgv(['postconf', '-h', 'mail_version'])).toBe('postconf -h mail_version');
    expect(quoteArgv(['sudo', '-n', '--', '/usr/sbin/postmap', 'cidr:/etc/postfix/x.cidr'])).toBe(
      'sudo -n -- /usr/sbin/postmap cidr:/etc/postfix/x.cidr',
    );
    expect(() => quoteArg('a\0b')).toThrow(/NUL/);
    expect(() => quoteArgv([])).toThrow(/Empty/);
  });
});
