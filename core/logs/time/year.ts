// The year an RFC 3164 line belongs to. Alone, a line is given the latest year that does not
// put it in the future of a reference date (a December line read in January is last year's).
// In a stream, the year of the first line is kept and moves on when the months wrap (December
// → January), so a file that spans New Year reads right whatever its reference; a straggler
// from before the wrap (a line of 31 December after one of 1 January) keeps its own year.
// Runtime: pure.

/** Clocks differ and zones shift wall clocks: "the future" starts this far after the reference. */
const FUTURE_SLACK_MS = 36 * 3600_000;

function valid(year: number, month: number, day: number): boolean {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/**
 * The latest year, from the reference's next one back, in which month/day exists and is not
 * after the reference (29 February looks back to the last leap year).
 */
export function inferYear(
  month: number,
  day: number,
  hour: number,
  minute: number,
  referenceMs: number,
): number {
  const refYear = new Date(referenceMs).getUTCFullYear();
  for (let year = refYear + 1; year >= refYear - 8; year--) {
    if (!valid(year, month, day)) continue;
    if (Date.UTC(year, month - 1, day, hour, minute) <= referenceMs + FUTURE_SLACK_MS) return year;
  }
  return refYear;
}

/** Months further apart than this between two lines mean the year turned (or a straggler). */
const WRAP_MONTHS = 6;

/** Where a tracker stands: enough to carry on after a restart. */
export interface YearState {
  year: number;
  month: number;
}

export class YearTracker {
  private year: number | undefined;
  private month = 0;

  snapshot(): YearState | undefined {
    return this.year === undefined ? undefined : { year: this.year, month: this.month };
  }

  restore(state: YearState | undefined): void {
    this.year = state?.year;
    this.month = state?.month ?? 0;
  }

  /** `startYear`: the year of the first line, when known; otherwise inferred from `referenceMs`. */
  constructor(
    private readonly startYear: number | undefined,
    private readonly referenceMs: () => number,
  ) {}

  yearFor(month: number, day: number, hour: number, minute: number): number {
    if (this.year === undefined) {
      this.year = this.startYear ?? inferYear(month, day, hour, minute, this.referenceMs());
      this.month = month;
      return this.year;
    }
    const delta = month - this.month;
    // A line from before the wrap, written late: its own year, the stream's stays.
    if (delta > WRAP_MONTHS) return this.year - 1;
    let year = this.year;
    if (delta < -WRAP_MONTHS) year += 1;
    // Without a given start year, no wrap may carry a line past the reference date (a file
    // whose lines are not in order would otherwise walk into the future year after year).
    if (this.startYear === undefined) {
      const reference = this.referenceMs();
      if (Date.UTC(year, month - 1, day, hour, minute) > reference + FUTURE_SLACK_MS)
        year = inferYear(month, day, hour, minute, reference);
    }
    this.year = year;
    this.month = month;
    return year;
  }
}
