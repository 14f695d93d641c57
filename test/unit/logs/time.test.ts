// Timestamps: RFC 3164 (no year: inferred from a reference date, rolled over at New Year in a
// stream), RFC 3339 / ISO 8601 with fractions and offsets, journald short-iso, Exim's, and the
// zone of stamps that carry none.
// Runtime: Node (vitest).

import { describe, expect, it } from 'vitest';
import { LineParser } from '../../../core/logs/line-parser';
import { parseLine } from '../../../core/logs/parse-line';
import { inferYear, YearTracker } from '../../../core/logs/time/year';

const line = (stamp: string) => `${stamp} mx1 postfix/smtpd[1]: connect from a.example[192.0.2.1]`;
const timeOf = (stamp: string, options = {}) => parseLine(line(stamp), options).time;

describe('RFC 3164: the year', () => {
  it('is the latest that does not put the line after the reference date', () => {
    const jan5 = Date.UTC(2027, 0, 5, 10);
    // A December line read in January belongs to last year.
    expect(timeOf('Dec 31 23:59:59', { referenceTime: jan5 })).toBe(
      Date.UTC(2026, 11, 31, 23, 59, 59),
    );
    expect(timeOf('Jan  4 08:00:00', { referenceTime: jan5 })).toBe(Date.UTC(2027, 0, 4, 8));
    // A little after the reference is clock skew, not last year.
    expect(timeOf('Jan  5 12:00:00', { referenceTime: jan5 })).toBe(Date.UTC(2027, 0, 5, 12));
    // A server ahead of UTC already writes 1 January while the reference is 31 December.
    expect(timeOf('Jan  1 00:30:00', { referenceTime: Date.UTC(2026, 11, 31, 23) })).toBe(
      Date.UTC(2027, 0, 1, 0, 30),
    );
    // 29 February only exists in leap years: the last one.
    expect(inferYear(2, 29, 12, 0, Date.UTC(2027, 5, 1))).toBe(2024);
  });

  it('is the given year when there is one', () => {
    expect(timeOf('Dec 31 23:59:59', { year: 2019 })).toBe(Date.UTC(2019, 11, 31, 23, 59, 59));
  });

  it('rolls over in a stream: a December line, then January ones, read long after', () => {
    const p = new LineParser({ year: 2026, utcOffset: 0 });
    const times = ['Dec 30 10:00:00', 'Dec 31 23:59:59', 'Jan  1 00:00:01', 'Feb  3 04:05:06'].map(
      (s) => p.parse(line(s)).time,
    );
    expect(times).toEqual([
      Date.UTC(2026, 11, 30, 10),
      Date.UTC(2026, 11, 31, 23, 59, 59),
      Date.UTC(2027, 0, 1, 0, 0, 1),
      Date.UTC(2027, 1, 3, 4, 5, 6),
    ]);
  });

  it('keeps a straggler written after the wrap in its own year, and the stream in the new one', () => {
    const p = new LineParser({ year: 2026, utcOffset: 0 });
    const stamps = ['Dec 31 23:59:58', 'Jan  1 00:00:01', 'Dec 31 23:59:59', 'Jan  1 00:00:02'];
    expect(stamps.map((s) => new Date(p.parse(line(s)).time ?? 0).getUTCFullYear())).toEqual([
      2026, 2027, 2026, 2027,
    ]);
  });

  it('infers the first year from the reference, then follows the stream', () => {
    const p = new LineParser({ referenceTime: Date.UTC(2027, 0, 2, 9), utcOffset: 0 });
    expect(new Date(p.parse(line('Dec 28 10:00:00')).time ?? 0).getUTCFullYear()).toBe(2026);
    expect(new Date(p.parse(line('Jan  2 08:00:00')).time ?? 0).getUTCFullYear()).toBe(2027);
  });

  it('never walks past the reference when the lines are out of order and no year is given', () => {
    const t = new YearTracker(undefined, () => Date.UTC(2026, 10, 23));
    const years = [
      [11, 20],
      [1, 5],
      [12, 1],
      [2, 1],
      [10, 1],
      [3, 1],
    ].map(([m, d]) => t.yearFor(m as number, d as number, 0, 0));
    for (const y of years) expect(y).toBeLessThanOrEqual(2026);
  });

  it('takes the zone of the server: a fixed offset, or a function for daylight saving time', () => {
    expect(timeOf('Jul  1 12:00:00', { year: 2026, utcOffset: 120 })).toBe(
      Date.UTC(2026, 6, 1, 10),
    );
    const cet = (wall: number) =>
      new Date(wall).getUTCMonth() >= 3 && new Date(wall).getUTCMonth() <= 9 ? 120 : 60;
    expect(timeOf('Jan  1 12:00:00', { year: 2026, utcOffset: cet })).toBe(
      Date.UTC(2026, 0, 1, 11),
    );
    expect(timeOf('Jul  1 12:00:00', { year: 2026, utcOffset: cet })).toBe(
      Date.UTC(2026, 6, 1, 10),
    );
  });

  it('keeps a fraction of a second', () => {
    expect(timeOf('Nov 23 05:19:07.250', { year: 2026 })).toBe(
      Date.UTC(2026, 10, 23, 5, 19, 7, 250),
    );
  });
});

describe('stamps with a year', () => {
  it.each([
    ['2024-08-29T01:08:59.764590+00:00', Date.UTC(2024, 7, 29, 1, 8, 59, 764)],
    ['2020-01-30T06:26:05.404714+09:00', Date.UTC(2020, 0, 29, 21, 26, 5, 404)],
    ['2026-11-23T05:19:07Z', Date.UTC(2026, 10, 23, 5, 19, 7)],
    ['2026-11-23T05:19:07-05:00', Date.UTC(2026, 10, 23, 10, 19, 7)],
    // journald short-iso and short-iso-precise
    ['2026-11-23T05:19:07+0000', Date.UTC(2026, 10, 23, 5, 19, 7)],
    ['2026-11-23T05:19:07.123456+0100', Date.UTC(2026, 10, 23, 4, 19, 7, 123)],
  ])('RFC 3339 / ISO 8601 %s', (stamp, expected) => {
    // An offset in the stamp wins over the one given for zone-less stamps.
    expect(timeOf(stamp, { utcOffset: 600 })).toBe(expected);
  });

  it("reads Exim's stamps, with milliseconds and a zone when it logs them", () => {
    const exim = (stamp: string, utcOffset = 0) =>
      parseLine(`${stamp} Start queue run: pid=123`, { utcOffset }).time;
    expect(exim('2026-11-23 05:19:07')).toBe(Date.UTC(2026, 10, 23, 5, 19, 7));
    expect(exim('2026-11-23 05:19:07', 60)).toBe(Date.UTC(2026, 10, 23, 4, 19, 7));
    expect(exim('2023-05-30 06:10:13.345')).toBe(Date.UTC(2023, 4, 30, 6, 10, 13, 345));
    expect(exim('2026-11-23 05:19:07 +0100')).toBe(Date.UTC(2026, 10, 23, 4, 19, 7));
  });

  it('leaves the time undefined when the line has none, and rejects impossible stamps', () => {
    expect(
      parseLine('action=pass, reason=client AWL, client_address=192.0.2.1').time,
    ).toBeUndefined();
    expect(
      parseLine('2026-13-45T99:99:99Z mx1 postfix/smtpd[1]: connect from a[192.0.2.1]').kind,
    ).toBe('unknown');
  });
});
