// The seed table: each outcome once (postscreen's finding, not also its reply; a greylisting
// deferral logged by postgrey and by smtpd, once), greylisting split by looking ahead for a
// pass of the same triplet — said by postgrey, or seen as a message accepted from the same
// network with the same (normalised) sender and recipient.
// Runtime: Node (vitest).

import { describe, expect, it } from 'vitest';
import { LineParser } from '../../../core/logs/line-parser';
import { LogSummary, rowLabel } from '../../../core/logs/summary/summary';

const LOG = `
Nov 23 10:00:00 mx1 postfix/postscreen[9]: CONNECT from [192.0.2.1]:1111 to [198.51.100.1]:25
Nov 23 10:00:00 mx1 postfix/postscreen[9]: PREGREET 11 after 0.1 from [192.0.2.1]:1111: EHLO x\\r\\n
Nov 23 10:00:06 mx1 postfix/postscreen[9]: NOQUEUE: reject: RCPT from [192.0.2.1]:1111: 550 5.5.1 Protocol error; from=<a@x.example>, to=<u@example.org>, proto=ESMTP, helo=<x>
Nov 23 10:00:07 mx1 postfix/postscreen[9]: DISCONNECT [192.0.2.1]:1111
Nov 23 10:01:00 mx1 postfix/smtpd[10]: NOQUEUE: reject: RCPT from unknown[192.0.2.2]: 554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using zen.spamhaus.org; from=<a@x.example> to=<u@example.org> proto=ESMTP helo=<x>
Nov 23 10:01:01 mx1 postfix/smtpd[10]: NOQUEUE: reject: RCPT from unknown[192.0.2.2]: 554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using zen.spamhaus.org; from=<a@x.example> to=<v@example.org> proto=ESMTP helo=<x>
Nov 23 10:01:02 mx1 postfix/postscreen[9]: NOQUEUE: reject: RCPT from [192.0.2.3]:2222: 550 5.7.1 Service unavailable; client [192.0.2.3] blocked using bl.spamcop.net; from=<a@x.example>, to=<u@example.org>, proto=ESMTP, helo=<x>
Nov 23 10:01:03 mx1 postfix/smtpd[10]: NOQUEUE: reject: RCPT from unknown[192.0.2.4]: 550 5.7.25 Client host rejected: cannot find your reverse hostname, [192.0.2.4]; from=<a@x.example> to=<u@example.org> proto=ESMTP helo=<x>
Nov 23 10:01:04 mx1 postfix/smtpd[10]: NOQUEUE: reject_warning: RCPT from unknown[192.0.2.5]: 450 4.7.25 Client host rejected: cannot find your hostname, [192.0.2.5]; from=<a@x.example> to=<u@example.org> proto=ESMTP helo=<x>
Nov 23 10:01:05 mx1 postfix/dnsblog[11]: addr 192.0.2.2 listed by domain zen.spamhaus.org as 127.0.0.4
Nov 23 10:01:05 mx1 postfix/dnsblog[11]: addr 192.0.2.3 listed by domain zen.spamhaus.org as 127.0.0.2
Nov 23 10:01:05 mx1 postfix/dnsblog[11]: addr 198.51.100.7 listed by domain list.dnswl.org as 127.0.10.2
Nov 23 10:02:00 mx1 postgrey[7]: action=greylist, reason=new, client_name=mail.example.com, client_address=198.51.100.7, sender=news@example.com, recipient=bob@example.org
Nov 23 10:02:00 mx1 postfix/smtpd[10]: NOQUEUE: reject: RCPT from mail.example.com[198.51.100.7]: 450 4.2.0 <bob@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html; from=<news@example.com> to=<bob@example.org> proto=ESMTP helo=<mail.example.com>
Nov 23 10:03:00 mx1 postfix/smtpd[10]: NOQUEUE: reject: RCPT from mx1.lists.example[203.0.113.5]: 450 4.2.0 <carol@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html; from=<prvs=1234567890=list@lists.example> to=<carol@example.org> proto=ESMTP helo=<mx1.lists.example>
Nov 23 10:04:00 mx1 postgrey[7]: action=greylist, reason=new, client_name=unknown, client_address=192.0.2.200, sender=a@spam.example, recipient=dave@example.org
Nov 23 10:04:00 mx1 postfix/smtpd[10]: NOQUEUE: reject: RCPT from unknown[192.0.2.200]: 450 4.2.0 <dave@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html; from=<a@spam.example> to=<dave@example.org> proto=ESMTP helo=<x>
Nov 23 10:05:00 mx1 postfix/smtpd[10]: NOQUEUE: reject_warning: RCPT from unknown[192.0.2.201]: 450 4.2.0 <erin@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html; from=<b@spam.example> to=<erin@example.org> proto=ESMTP helo=<x>
Nov 23 10:06:00 mx1 postfix/smtpd[10]: NOQUEUE: reject: RCPT from mx1.lists.example[203.0.113.5]: 450 4.2.0 <carol@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html; from=<prvs=1234567890=list@lists.example> to=<carol@example.org> proto=ESMTP helo=<mx1.lists.example>
Nov 23 10:07:00 mx1 postgrey[7]: action=pass, reason=triplet found, delay=300, client_name=mail.example.com, client_address=198.51.100.7, sender=news@example.com, recipient=bob@example.org
Nov 23 10:07:00 mx1 postfix/smtpd[10]: AAAAA11111: client=mail.example.com[198.51.100.7]
Nov 23 10:12:00 mx1 postfix/smtpd[10]: BBBBB22222: client=mx2.lists.example[203.0.113.77]
Nov 23 10:12:01 mx1 postfix/qmgr[12]: BBBBB22222: from=<prvs=0987654321=list@lists.example>, size=100, nrcpt=1 (queue active)
Nov 23 10:12:02 mx1 postfix/virtual[13]: BBBBB22222: to=<carol@example.org>, relay=virtual, delay=0.1, delays=0.05/0/0/0.05, dsn=2.0.0, status=sent (delivered to maildir)
Nov 23 10:12:03 mx1 postfix/qmgr[12]: BBBBB22222: removed
Nov 23 10:13:00 mx1 postfix/smtpd[10]: CCCCC33333: client=friend.example[192.0.2.150]
Nov 23 10:13:01 mx1 postfix/smtpd[10]: this line is not one Postfix writes
`;

function summarise(text: string) {
  const parser = new LineParser({ year: 2026, utcOffset: 0 });
  const summary = new LogSummary();
  for (const line of text.split('\n').filter(Boolean)) summary.add(parser.parse(line));
  return summary.report();
}

describe('the seed table', () => {
  it('counts each outcome once, with its share of the total', () => {
    const r = summarise(LOG);
    expect(r.rows.map((x) => [x.key, x.count, x.percent])).toEqual([
      ['accepted', 3, 21.4],
      ['greylist.passed', 3, 21.4],
      ['dnsbl:zen.spamhaus.org', 2, 14.3],
      ['dnsbl:bl.spamcop.net', 1, 7.1],
      ['dry-run:greylist', 1, 7.1],
      ['dry-run:rdns.unconfirmed', 1, 7.1],
      ['greylist.never-passed', 1, 7.1],
      ['postscreen.pregreet', 1, 7.1],
      ['rdns.missing', 1, 7.1],
    ]);
    expect(r.total).toBe(14);
    expect(r.rows.map((x) => x.label)).toEqual([
      'Accepted (messages)',
      'Greylisted, passed on a retry',
      'RBL zen.spamhaus.org',
      'RBL bl.spamcop.net',
      'Greylisting (dry run, not rejected)',
      'Reverse DNS not confirmed (dry run, not rejected)',
      'Greylisted, never passed',
      'Early talker (pregreet)',
      'No reverse DNS',
    ]);
    expect(r.lines).toBe(27);
    expect(r.unknownLines).toBe(1);
    expect(r.listHits).toEqual([
      { list: 'zen.spamhaus.org', hits: 2 },
      { list: 'list.dnswl.org', hits: 1 },
    ]);
  });

  it('splits greylisting into attempts that later passed and those that never did', () => {
    expect(summarise(LOG).greylisting).toEqual({
      // postgrey's and smtpd's lines of one attempt are one attempt.
      deferredAttempts: 4,
      // bob's triplet: postgrey said "triplet found"; carol's: smtpd's log alone — a message from
      // the same /24, the same sender once its BATV tag is gone, delivered to carol.
      passedAttempts: 3,
      neverPassedAttempts: 1,
      passedTriplets: 2,
      neverPassedTriplets: 1,
      medianDelaySeconds: 300,
    });
  });

  it('greylists per host when told (lookup-by-host): another address is another triplet', () => {
    const parser = new LineParser({ year: 2026, utcOffset: 0 });
    const summary = new LogSummary({ ipv4Prefix: 32 });
    for (const line of LOG.split('\n').filter(Boolean)) summary.add(parser.parse(line));
    expect(summary.report().greylisting).toMatchObject({
      passedAttempts: 1,
      neverPassedAttempts: 3,
    });
  });

  it('labels rules, reason classes and prefixed rows', () => {
    expect(rowLabel('rdns.missing')).toBe('No reverse DNS');
    expect(rowLabel('recipient.unknown')).toBe('Unknown recipient');
    expect(rowLabel('relay.denied')).toBe('Relay access denied');
    expect(rowLabel('discarded:other')).toBe('Other (discarded)');
    expect(rowLabel('dnsbl:b.barracudacentral.org')).toBe('RBL b.barracudacentral.org');
  });

  it('counts blank lines apart from the lines it did not recognise', () => {
    const parser = new LineParser({ year: 2026, utcOffset: 0 });
    const summary = new LogSummary();
    for (const line of ['', '  ', 'not a log line', 'Nov 23 10:13:01 mx1 postfix/smtpd[10]: ?'])
      summary.add(parser.parse(line));
    expect(summary.report()).toMatchObject({ lines: 4, emptyLines: 2, unknownLines: 2 });
  });

  it('is empty, not broken, for an empty stream', () => {
    const r = new LogSummary().report();
    expect(r).toMatchObject({ rows: [], total: 0, lines: 0, unknownLines: 0, listHits: [] });
  });
});
