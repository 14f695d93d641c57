// Every line of every sample written by others is classified: no unknown among the Postfix,
// postscreen, postgrey and Exim lines. The same mail flow logged with RFC 3164 and with RFC
// 3339 stamps reads as the same events.
// Runtime: Node (vitest).

import { describe, expect, it } from 'vitest';
import type { ParsedLine } from '../../../core/logs/events';
import { LineParser } from '../../../core/logs/line-parser';
import { skipWithReason } from '../../support/skip';
import { corpusPresent, FRAGMENT_PATTERNS, sampleFiles, sampleLines } from './corpus';

/** The samples' RFC 3164 lines are read as of the day the corpus was gathered. */
const REFERENCE = Date.UTC(2026, 10, 23, 12);

function parseSample(file: string): { line: number; text: string; event: ParsedLine }[] {
  const { lines } = sampleLines(file);
  // One parser per file (its year state); header-less bodies each name their program.
  const stream = new LineParser({ referenceTime: REFERENCE, utcOffset: 0 });
  return lines.map((l) => ({
    line: l.line,
    text: l.text,
    event: l.program
      ? new LineParser({ referenceTime: REFERENCE, utcOffset: 0, program: l.program }).parse(l.text)
      : stream.parse(l.text),
  }));
}

describe('the samples of others (../shared/fixtures/logs)', () => {
  it('classifies every line of every sample', (ctx) => {
    if (!corpusPresent()) skipWithReason(ctx, 'corpus not present');
    const files = sampleFiles();
    expect(files.length).toBeGreaterThan(5);
    let total = 0;
    const unknown: string[] = [];
    for (const file of files) {
      const parsed = parseSample(file);
      total += parsed.length;
      for (const p of parsed)
        if (p.event.kind === 'unknown') unknown.push(`${file}:${p.line}: ${p.text}`);
    }
    console.log(`corpus: ${total} lines in ${files.length} files, ${unknown.length} unknown`);
    expect(unknown).toEqual([]);
  });

  it('leaves out only the TSV rows that are fragments of lines, not lines', (ctx) => {
    if (!corpusPresent()) skipWithReason(ctx, 'corpus not present');
    const { lines, skipped } = sampleLines('whyscream_messages.tsv');
    expect(lines.length).toBeGreaterThan(150);
    // Fragments: command counters, delays, a relay, bare TLS feature strings.
    expect(skipped.map((s) => s.text)).toEqual([
      'ehlo=2 starttls=1 mail=1 rcpt=0/1 data=0/1 quit=1 commands=5/7',
      'helo=1 ehlo=1/2 quit=1 commands=3/4',
      'helo=1 mail=2 rcpt=1 data=1 rset=1 quit=1 commands=7',
      'helo=1 quit=1 unknown=0/2 commands=2/4',
      'helo=1 auth=0/1 quit=1 commands=2/3',
      '0.2/0.02/0.04/3.3',
      '1.example.com.si[private/dovecot-lmtp]',
      'dane',
      'dane:none',
      'may?',
      'dane/requiretls',
      'dane/requiretls?',
      'dane/!requiretls:nostarttls',
    ]);
    expect(FRAGMENT_PATTERNS).toHaveLength(4);
  });

  it('reads Postfix, postscreen and postgrey lines with their own programs', (ctx) => {
    if (!corpusPresent()) skipWithReason(ctx, 'corpus not present');
    const events = sampleFiles().flatMap((f) => parseSample(f).map((p) => p.event));
    const byProgram = (prefix: string) =>
      events.filter((e) => e.program?.startsWith(prefix) || e.program?.includes(`/${prefix}`));
    expect(byProgram('postfix').length).toBeGreaterThan(250);
    expect(
      byProgram('postscreen').every(
        (e) => e.kind.startsWith('postscreen.') || e.kind === 'reject' || e.kind === 'notice',
      ),
    ).toBe(true);
    expect(events.filter((e) => e.program === 'exim').length).toBeGreaterThan(60);
    // The kinds the samples exercise.
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of [
      'connect',
      'disconnect',
      'reject',
      'defer',
      'reject_warning',
      'discard',
      'filter',
      'redirect',
      'warn',
      'message.accepted',
      'message.id',
      'message.queued',
      'message.removed',
      'delivery',
      'delivery.problem',
      'auth.failed',
      'protocol.violation',
      'postscreen.connect',
      'postscreen.pass',
      'postscreen.pregreet',
      'postscreen.dnsbl_rank',
      'postscreen.protocol',
      'postscreen.allowlist_veto',
      'dnsbl.hit',
      'notice',
    ])
      expect(kinds, k).toContain(k);
  });

  it('reads the same flow logged with RFC 3164 and with RFC 3339 stamps as the same events', (ctx) => {
    if (!corpusPresent()) skipWithReason(ctx, 'corpus not present');
    const strip = (e: ParsedLine) => {
      const { time: _time, ...rest } = e;
      return JSON.parse(JSON.stringify(rest)) as unknown;
    };
    const bsd = parseSample('youyo_test.log');
    const iso = parseSample('youyo_test-iso8601.log');
    expect(iso.map((p) => strip(p.event))).toEqual(bsd.map((p) => strip(p.event)));
    // 2020-01-30T06:26:05.404714+09:00
    expect(iso[0]?.event.time).toBe(Date.UTC(2020, 0, 29, 21, 26, 5, 404));
    expect(bsd[0]?.event.time).toBe(Date.UTC(2026, 9, 10, 15, 59, 28));
  });

  it('classifies the rejections of the samples by reason and rule', (ctx) => {
    if (!corpusPresent()) skipWithReason(ctx, 'corpus not present');
    const rejections = sampleFiles()
      .flatMap((f) => parseSample(f).map((p) => p.event))
      .filter((e) => e.kind === 'reject' || e.kind === 'defer');
    const classes = new Set(rejections.map((e) => ('reasonClass' in e ? e.reasonClass : '')));
    for (const c of [
      'rbl',
      'rdns.missing',
      'rdns.unconfirmed',
      'helo.non-fqdn',
      'helo.unknown',
      'recipient.unknown',
      'relay.denied',
      'sender.access',
      'greylist',
      'protocol-error',
    ])
      expect(classes, c).toContain(c);
    const rules = new Set(rejections.map((e) => ('ruleId' in e ? e.ruleId : undefined)));
    for (const r of [
      'dnsbl:zen.spamhaus.org',
      'dnsbl:rbl.example.com',
      'rdns.missing',
      'helo.non-fqdn',
      'greylist',
    ])
      expect(rules, r).toContain(r);
  });
});
