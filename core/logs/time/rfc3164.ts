// RFC 3164 (BSD syslog) timestamps: `Nov 23 05:19:07`, `Mar  7 02:09:33` or `Mar 7 02:09:33`,
// sometimes with a fraction. No year and no zone: the year comes from time/year.ts, the zone
// from the caller. Runtime: pure.

const MONTHS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};

const STAMP =
  /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))? /;

export interface SyslogStamp {
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string | undefined;
  /** Characters taken, the space after the time included. */
  length: number;
}

export function parseRfc3164(line: string): SyslogStamp | undefined {
  const m = STAMP.exec(line);
  if (!m) return undefined;
  const day = Number(m[2]);
  const hour = Number(m[3]);
  const minute = Number(m[4]);
  const second = Number(m[5]);
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  return {
    month: MONTHS[m[1] as string] as number,
    day,
    hour,
    minute,
    second,
    fraction: m[6],
    length: m[0].length,
  };
}
