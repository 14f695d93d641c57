// Timestamps with a year: RFC 3339 / ISO 8601 (`2024-08-29T01:08:59.764590+00:00`, `…Z`),
// journald's short-iso (`2026-11-23T05:19:07+0000`), Exim's `2026-11-23 05:19:07` (optionally
// `.345` and ` +0100`) and postgrey's Net::Server `2026/11/23-07:30:45`. Parsed by hand rather
// than with Date.parse, whose acceptance of six fraction digits or `+0000` varies.
// Runtime: pure.

import { fractionMs, type WallClock } from './wall-clock';

export interface DatedStamp {
  wall: WallClock;
  /** Minutes east of UTC when the stamp says; absent for local time. */
  zone: number | undefined;
  /** Characters taken, the following space included. */
  length: number;
  style: 'iso' | 'exim' | 'netserver';
}

const ISO =
  /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(Z|[+-]\d\d(?::?\d\d)?)? /;
const EXIM = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?: ([+-]\d{4}))? /;
const NETSERVER = /^(\d{4})\/(\d\d)\/(\d\d)-(\d\d):(\d\d):(\d\d) /;

function zoneMinutes(z: string | undefined): number | undefined {
  if (z === undefined) return undefined;
  if (z === 'Z') return 0;
  const sign = z.startsWith('-') ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

function wallOf(m: RegExpExecArray, fraction: string | undefined): WallClock | undefined {
  const w: WallClock = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6]),
    ms: fractionMs(fraction),
  };
  const ok =
    w.month >= 1 &&
    w.month <= 12 &&
    w.day >= 1 &&
    w.day <= 31 &&
    w.hour <= 23 &&
    w.minute <= 59 &&
    w.second <= 60;
  return ok ? w : undefined;
}

export function parseDated(line: string): DatedStamp | undefined {
  const c = line.charCodeAt(4);
  if (c === 45 /* - */) {
    const iso = ISO.exec(line);
    if (iso) {
      const wall = wallOf(iso, iso[7]);
      const zone = zoneMinutes(iso[8]);
      if (wall)
        return {
          wall,
          zone,
          length: iso[0].length,
          style: 'iso',
        };
      return undefined;
    }
    const exim = EXIM.exec(line);
    if (exim) {
      const wall = wallOf(exim, exim[7]);
      const zone = zoneMinutes(exim[8]);
      if (wall)
        return {
          wall,
          zone,
          length: exim[0].length,
          style: 'exim',
        };
    }
    return undefined;
  }
  if (c === 47 /* / */) {
    const ns = NETSERVER.exec(line);
    const wall = ns && wallOf(ns, undefined);
    if (ns && wall) return { wall, zone: undefined, length: ns[0].length, style: 'netserver' };
  }
  return undefined;
}
