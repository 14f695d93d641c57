// `mxwarden logs parse|summary FILE`, in process (the command is handed to runCli as an extra
// command: registering it in core/cli/main.ts is the owner's step). One JSON event per line;
// the seed table as text or JSON; usage and file errors in words.
// Runtime: Node (vitest).

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logsCommand, parseUtcOffset } from '../../../core/cli/commands/logs';
import { runCli } from '../../../core/cli/main';
import { capture } from '../../support/capture';
import { tempDir } from '../../support/temp';

const dir = tempDir();

const LOG = [
  'Dec 31 23:59:58 mx1 postfix/postscreen[9]: CONNECT from [192.0.2.1]:1111 to [198.51.100.1]:25',
  'Dec 31 23:59:59 mx1 postfix/smtpd[10]: NOQUEUE: reject: RCPT from unknown[192.0.2.2]: 554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using zen.spamhaus.org; from=<a@x.example> to=<u@example.org> proto=ESMTP helo=<x>',
  'Jan  1 00:00:01 mx1 postfix/smtpd[10]: NOQUEUE: reject: RCPT from unknown[192.0.2.4]: 550 5.7.25 Client host rejected: cannot find your reverse hostname, [192.0.2.4]; from=<a@x.example> to=<u@example.org> proto=ESMTP helo=<x>',
  'Jan  1 00:00:02 mx1 postfix/smtpd[10]: AAAAA11111: client=mail.example.com[198.51.100.7]',
  'Jan  1 00:00:03 mx1 postfix/smtpd[10]: not a line Postfix writes',
  '',
].join('\n');

const file = path.join(dir, 'mail.log');
fs.writeFileSync(file, LOG);

async function logs(...args: string[]) {
  const c = capture();
  const code = await runCli(['logs', ...args], c.io, [logsCommand]);
  return { code, out: c.out(), err: c.err() };
}

describe('mxwarden logs parse', () => {
  it('prints one JSON event per line, the year rolling over at New Year', async () => {
    const r = await logs('parse', file, '--year', '2026', '--utc-offset', 'Z');
    expect(r.code).toBe(0);
    const events = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events).toHaveLength(5);
    expect(events[0]).toEqual({
      line: 1,
      time: '2026-12-31T23:59:58.000Z',
      host: 'mx1',
      program: 'postfix/postscreen',
      pid: 9,
      kind: 'postscreen.connect',
      clientAddress: '192.0.2.1',
      clientPort: 1111,
      serverAddress: '198.51.100.1',
      serverPort: 25,
    });
    expect(events[1]).toMatchObject({
      line: 2,
      time: '2026-12-31T23:59:59.000Z',
      kind: 'reject',
      clientAddress: '192.0.2.2',
      reasonClass: 'rbl',
      ruleId: 'dnsbl:zen.spamhaus.org',
    });
    expect(events[2]).toMatchObject({
      time: '2027-01-01T00:00:01.000Z',
      reasonClass: 'rdns.missing',
      ruleId: 'rdns.missing',
    });
    expect(events[4]).toMatchObject({
      line: 5,
      kind: 'unknown',
      text: 'not a line Postfix writes',
    });
  });

  it('prints only the lines it could not read with --unknown, and reads an offset', async () => {
    const r = await logs('parse', file, '--unknown', '--year', '2026', '--utc-offset', '+01:00');
    expect(
      r.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      {
        line: 5,
        time: '2026-12-31T23:00:03.000Z',
        host: 'mx1',
        program: 'postfix/smtpd',
        pid: 10,
        kind: 'unknown',
        why: 'unrecognized',
        text: 'not a line Postfix writes',
      },
    ]);
  });

  it('reads bodies without a header with --program', async () => {
    const bodies = path.join(dir, 'bodies.txt');
    fs.writeFileSync(bodies, 'PASS NEW [192.0.2.9]:4000\nDNSBL rank 4 for [192.0.2.9]:4000\n');
    const r = await logs('parse', bodies, '--program', 'postfix/postscreen');
    expect(
      r.out
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { kind: string }).kind),
    ).toEqual(['postscreen.pass', 'postscreen.dnsbl_rank']);
  });
});

describe('mxwarden logs summary', () => {
  it('prints the table: reason, count, % of total', async () => {
    const r = await logs('summary', file, '--year', '2026', '--utc-offset', 'Z');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'reason                count      %',
        'Accepted (messages)       1   33.3',
        'RBL zen.spamhaus.org      1   33.3',
        'No reverse DNS            1   33.3',
        'total                     3  100.0',
        '',
        '5 lines read, 1 not recognised (20.0%)',
        '',
      ].join('\n'),
    );
  });

  it('prints it as JSON with --json', async () => {
    const r = await logs('summary', file, '--json', '--utc-offset', 'Z');
    const report = JSON.parse(r.out) as { total: number; rows: { key: string; percent: number }[] };
    expect(report.total).toBe(3);
    // Equal counts: by key.
    expect(report.rows.map((x) => x.key)).toEqual([
      'accepted',
      'dnsbl:zen.spamhaus.org',
      'rdns.missing',
    ]);
  });
});

describe('mistakes', () => {
  it('says what is wrong with the usage (exit 2)', async () => {
    for (const args of [
      [],
      ['tail', file],
      ['parse'],
      ['parse', file, file],
      ['parse', file, '--year', 'last'],
      ['parse', file, '--utc-offset', '+25:00'],
      ['parse', file, '--json'],
      ['summary', file, '--unknown'],
    ]) {
      const r = await logs(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('Usage: mxwarden logs');
    }
  });

  it('says which file it cannot read (exit 1)', async () => {
    const r = await logs('summary', path.join(dir, 'missing.log'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot read .*missing\.log/);
    expect((await logs('parse', dir)).err).toMatch(/not a regular file/);
  });

  it('reads zone offsets', () => {
    expect(parseUtcOffset('Z')).toBe(0);
    expect(parseUtcOffset('+0530')).toBe(330);
    expect(parseUtcOffset('-08:00')).toBe(-480);
    expect(typeof parseUtcOffset('local')).toBe('function');
  });
});
