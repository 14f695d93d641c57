// Whatever the input, the parsers answer with an event or an "unknown" marker — never an
// exception: random strings, and real lines mutated (characters changed, inserted, dropped,
// cut short, doubled), through parseLine and through a stateful LineParser and summary.
// Runtime: Node (vitest).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedLine } from '../../../core/logs/events';
import { LineParser } from '../../../core/logs/line-parser';
import { parseLine } from '../../../core/logs/parse-line';
import { LogSummary } from '../../../core/logs/summary/summary';

const REAL = [
  'Nov 23 05:19:08 mx1 postfix/smtpd[1234]: NOQUEUE: reject: RCPT from unknown[192.0.2.66]: 554 5.7.1 Service unavailable; Client host [192.0.2.66] blocked using zen.spamhaus.org; from=<spam@example.net> to=<alice@example.org> proto=ESMTP helo=<spam.example.net>',
  'Nov 23 05:19:09 mx1 postfix/smtpd[1234]: disconnect from unknown[192.0.2.66] ehlo=1 mail=1 rcpt=0/1 data=0/1 quit=1 commands=3/5',
  '2026-11-23T05:19:08.123456+01:00 mx1 postfix-in/smtpd[2345]: NOQUEUE: reject: RCPT from mail.example.com[198.51.100.7]: 450 4.2.0 <bob@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html; from=<news@example.com> to=<bob@example.org> proto=ESMTP helo=<mail.example.com>',
  'Nov 23 05:19:45 mx1 postfix/postscreen[999]: NOQUEUE: reject: RCPT from [192.0.2.86]:40007: 550 5.7.1 Service unavailable; client [192.0.2.86] blocked using zen.spamhaus.org; from=<s@spam.example>, to=<alice@example.org>, proto=ESMTP, helo=<spam.example>',
  'Nov 23 05:19:38 mx1 postfix/postscreen[999]: PREGREET 14 after 0.23 from [192.0.2.85]:40006: EHLO x\\r\\n',
  'Nov 23 05:19:47 mx1 postfix/dnsblog[1001]: addr 192.0.2.86 listed by domain zen.spamhaus.org as 127.0.0.4',
  'Nov 23 05:22:00 mx1 postgrey[777]: action=greylist, reason=early-retry (180s missing), client_name=mail.example.com, client_address=198.51.100.7, sender=news@example.com, recipient=bob@example.org',
  'Nov 23 05:26:05 mx1 postfix/policyd-weight[555]: weighted check:  IN_SPAMCOP=3.75 NOT_IN_SBL_XBL_SPAMHAUS=-1.5 DSBL_ORG=ERR(0); <client=unknown[192.0.2.95]> <helo=friend> <from=x@b.example> <to=alice@example.org>; rate: 7',
  'Nov 23 05:27:02 mx1 postfix/smtp[1102]: 3C9F1A2B4D: to=<carol@example.net>, relay=mx.example.net[203.0.113.25]:25, delay=1.2, delays=0.1/0.01/0.5/0.59, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9A8B7C)',
  'Nov 23 05:27:00 mx1 postfix/cleanup[1100]: 4104E3D: milter-header-redirect: header X-Spam-Status: Yes from a.example[192.0.2.1]; from=<a@b.example> to=<c@d.example> proto=ESMTP helo=<a.example>: tom@example.com',
  '2026-11-23 05:30:00 1vN2Xa-000ABC-1x <= alice@example.org H=mail.example.org (helo.example.org) [192.0.2.10]:41234 P=esmtps S=2345 id=20261123.abc@example.org',
  '2013-06-02 06:54:20 [13314] SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from H=[211.148.195.192]:25936 I=[1.2.3.4]:25 input="GET / HTTP/1.1\\r\\n\\r\\n"',
  'mail.example.com exim[3751842]: 2021-07-17 23:20:49 plain_server authenticator failed for ([192.0.2.17]) [192.0.2.27]: 535 Incorrect authentication data',
  '2026/11/23-07:30:45 postgrey (type Net::Server::Multiplex) starting! pid(16152)',
];

function wellFormed(e: ParsedLine): void {
  expect(typeof e.kind).toBe('string');
  if (e.kind === 'unknown') expect(typeof e.text).toBe('string');
  if (e.time !== undefined) expect(Number.isFinite(e.time)).toBe(true);
}

/** A real line, mutated: characters replaced, inserted or dropped, cut short or repeated. */
const mutated = fc
  .tuple(
    fc.constantFrom(...REAL),
    fc.array(
      fc.tuple(
        fc.constantFrom('replace', 'insert', 'delete', 'cut', 'double'),
        fc.nat(),
        fc.string({ maxLength: 4, unit: 'binary' }),
      ),
      { maxLength: 6 },
    ),
  )
  .map(([line, edits]) => {
    let s = line;
    for (const [op, at, text] of edits) {
      const i = s.length ? at % s.length : 0;
      if (op === 'replace') s = s.slice(0, i) + text + s.slice(i + text.length);
      else if (op === 'insert') s = s.slice(0, i) + text + s.slice(i);
      else if (op === 'delete') s = s.slice(0, i) + s.slice(i + 1 + (at % 7));
      else if (op === 'cut') s = s.slice(0, i);
      else s = s.slice(0, i) + s.slice(i, i + 40) + s.slice(i);
    }
    return s;
  });

/** Pieces of log syntax, so that random lines get deep into the parsers. */
const syntax = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'Nov 23 05:19:07 ',
        '2026-11-23T05:19:07.1+01:00 ',
        '2026-11-23 05:19:07 ',
        'mx1 ',
        'postfix/smtpd[1]: ',
        'postfix/postscreen[2]: ',
        'postgrey[3]: ',
        'exim[4]: ',
        'NOQUEUE: reject: RCPT from ',
        'unknown[192.0.2.1]: ',
        '[2001:db8::1]:25',
        '550 5.7.1 ',
        'blocked using ',
        '; from=<',
        '> to=<',
        ' proto=ESMTP helo=<',
        'action=greylist, reason=',
        'client_address=',
        ', ',
        'H=',
        '1vN2Xa-000ABC-1x ',
        '<= ',
        '=> ',
        '(',
        ')',
        '[',
        ']',
        '\\r\\n',
        '\r',
        '\t',
      ),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 16 },
  )
  .map((parts) => parts.join(''));

describe('the parsers never throw', () => {
  it('on random strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 })),
        (s) => {
          wellFormed(parseLine(s, { referenceTime: 0 }));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('on strings made of log syntax', () => {
    fc.assert(
      fc.property(syntax, (s) => {
        wellFormed(parseLine(s));
        wellFormed(parseLine(s, { program: 'postfix/smtpd' }));
      }),
      { numRuns: 3000 },
    );
  });

  it('on mutated real lines, with or without a program given, and every real line still parses', () => {
    for (const line of REAL) expect(parseLine(line).kind).not.toBe('unknown');
    fc.assert(
      fc.property(
        mutated,
        fc.constantFrom(undefined, 'postfix/smtpd', 'postfix/postscreen', 'postgrey', 'exim'),
        (s, program) => {
          wellFormed(parseLine(s, program ? { program } : {}));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('through a LineParser and a summary fed a whole stream of them', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(mutated, syntax, fc.string()), { maxLength: 60 }), (lines) => {
        const parser = new LineParser({ referenceTime: Date.UTC(2026, 10, 23) });
        const summary = new LogSummary();
        for (const l of lines) {
          const e = parser.parse(l);
          wellFormed(e);
          summary.add(e);
        }
        const r = summary.report();
        expect(r.lines).toBe(lines.length);
        expect(parser.counts.lines).toBe(lines.length);
        expect(r.rows.reduce((n, x) => n + x.count, 0)).toBe(r.total);
      }),
      { numRuns: 500 },
    );
  });

  it('in bounded time on long, repetitive lines', () => {
    const long = [
      `Nov 23 05:19:08 mx1 postfix/smtpd[1]: NOQUEUE: reject: RCPT from a[1.2.3.4]: 550 ${'from=<a> '.repeat(2000)}`,
      `Nov 23 05:19:08 mx1 postfix/smtpd[1]: ${'x['.repeat(5000)}`,
      `Nov 23 05:19:08 mx1 postfix/cleanup[1]: ABCDE12345: reject: header ${' from a[1.2.3.4]; '.repeat(1000)}`,
      `2026-11-23 05:19:07 ${'H=a [1.2.3.4] '.repeat(2000)} rejected RCPT <a>: x`,
      `Nov 23 05:19:08 mx1 postgrey[1]: action=greylist, ${'reason=x, '.repeat(3000)}`,
      // Shapes that once took quadratic time: a trailer of repeated addresses, a repeated verb.
      `Nov 23 05:19:08 mx1 postfix/smtpd[1]: NOQUEUE: reject: RCPT from a[1.2.3.4]: 550 x; from=<${'a> to=<'.repeat(30000)}`,
      `2026-11-23 05:19:07 H=a [1.2.3.4] ${'rejected RCPT '.repeat(30000)}`,
    ];
    const t = performance.now();
    for (const l of long) wellFormed(parseLine(l));
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
