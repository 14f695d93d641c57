// A large stream: the representative lines and the samples, repeated to 200,000 lines, through
// LineParser alone and with the summary, and the CLI's streaming summary of a file of the same
// lines — every line counted, nothing lost between chunks. (Speed is measured by `npm run bench`:
// ingest against pflogsumm.)
// Runtime: Node (vitest).

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logsCommand } from '../../../core/cli/commands/logs';
import { runCli } from '../../../core/cli/main';
import { LineParser } from '../../../core/logs/line-parser';
import { LogSummary } from '../../../core/logs/summary/summary';
import { capture } from '../../support/capture';
import { tempDir } from '../../support/temp';
import { corpusPresent, sampleFiles, sampleLines } from './corpus';

const OWN = [
  'Nov 23 05:19:07 mx1 postfix/smtpd[1234]: connect from mail.example.org[192.0.2.10]',
  'Nov 23 05:19:08 mx1 postfix/smtpd[1234]: NOQUEUE: reject: RCPT from unknown[192.0.2.66]: 554 5.7.1 Service unavailable; Client host [192.0.2.66] blocked using zen.spamhaus.org; from=<spam@example.net> to=<alice@example.org> proto=ESMTP helo=<spam.example.net>',
  'Nov 23 05:19:09 mx1 postfix/smtpd[1234]: disconnect from unknown[192.0.2.66] ehlo=1 mail=1 rcpt=0/1 data=0/1 quit=1 commands=3/5',
  'Nov 23 05:19:32 mx1 postfix/postscreen[999]: CONNECT from [192.0.2.80]:40001 to [198.51.100.1]:25',
  'Nov 23 05:19:33 mx1 postfix/postscreen[999]: PASS NEW [192.0.2.80]:40001',
  'Nov 23 05:20:00 mx1 postgrey[777]: action=greylist, reason=new, client_name=mail.example.com, client_address=198.51.100.7, sender=news@example.com, recipient=bob@example.org',
  'Nov 23 05:27:02 mx1 postfix/smtp[1102]: 3C9F1A2B4D: to=<carol@example.net>, relay=mx.example.net[203.0.113.25]:25, delay=1.2, delays=0.1/0.01/0.5/0.59, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9A8B7C)',
];

const N = 200_000;

function workload(): string[] {
  const base = [...OWN];
  if (corpusPresent())
    for (const f of sampleFiles())
      if (f.endsWith('.log')) base.push(...sampleLines(f).lines.map((l) => l.text));
  return Array.from({ length: N }, (_, i) => base[i % base.length] as string);
}

describe('a large stream', () => {
  it('parses lines, and summarises them', () => {
    const lines = workload();
    let p = new LineParser({ referenceTime: Date.UTC(2026, 10, 23, 12) });
    for (const l of lines.slice(0, 20_000)) p.parse(l); // warm up
    p = new LineParser({ referenceTime: Date.UTC(2026, 10, 23, 12) });
    for (const l of lines) p.parse(l);
    const s = new LogSummary();
    const q = new LineParser({ referenceTime: Date.UTC(2026, 10, 23, 12) });
    for (const l of lines) s.add(q.parse(l));
    const report = s.report();
    expect(p.counts.lines).toBe(N);
    expect(q.counts.lines).toBe(N);
    expect(report.lines + report.emptyLines).toBe(N);
  });

  it('streams a file through the CLI summary', async () => {
    const file = path.join(tempDir(), 'big.log');
    fs.writeFileSync(file, `${workload().join('\n')}\n`);
    const c = capture();
    const code = await runCli(['logs', 'summary', file, '--utc-offset', 'Z'], c.io, [logsCommand]);
    expect(code).toBe(0);
    expect(c.out()).toContain(`${N} lines read`);
  });
});
