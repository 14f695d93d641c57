// A date and time as a log line writes it, and how it becomes Unix milliseconds. Lines without
// a zone (RFC 3164, Exim, postgrey's Net::Server) are in the server's local time: the caller says
// which offset that is, as a number or as a function (for zones with daylight saving time).
// Runtime: pure.

export interface WallClock {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/** Minutes east of UTC, or a function of the wall clock read as if it were UTC. */
export type UtcOffset = number | ((wallClockAsUtcMs: number) => number);

export function wallAsUtcMs(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
}

/** The offset at a wall-clock time (read as if UTC). */
export function minutesAt(offset: UtcOffset, wallMs: number): number {
  return typeof offset === 'number' ? offset : offset(wallMs);
}

/** `zoneMinutes` is the offset the timestamp carried; without one, `fallback` applies. */
export function toUnixMs(
  w: WallClock,
  zoneMinutes: number | undefined,
  fallback: UtcOffset,
): number {
  const wall = wallAsUtcMs(w);
  return wall - (zoneMinutes ?? minutesAt(fallback, wall)) * 60_000;
}

/** Milliseconds from a fraction's digits ("764590" → 764), whatever their number. */
export function fractionMs(digits: string | undefined): number {
  if (!digits) return 0;
  return Math.floor(Number(`0.${digits}`) * 1000);
}

/** The machine's own zone, daylight saving time included (for the CLI reading local files). */
export const LOCAL_OFFSET: UtcOffset = (wall) => -new Date(wall).getTimezoneOffset();
