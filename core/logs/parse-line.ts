// Where a log line becomes an event: the header is split off (header.ts), its timestamp made
// Unix milliseconds, and the body handed to the parser of the program that wrote it (Postfix's
// daemons, postgrey and mxwarden's policy service, policyd-weight, Exim). Whatever the input,
// the answer is an event or an UnknownLine — never an exception. Runtime: pure.

import { event } from './build';
import type { LineHeader, LogEvent, ParsedLine } from './events';
import { parseExim, looksLikeExim } from './exim/main-log';
import { splitHeader } from './header';
import { parseGreylistDecision, parsePostgreyOther } from './policy/postgrey';
import { parsePostfix, postfixDaemon } from './postfix/dispatch';
import { parseDated } from './time/iso';
import { fractionMs, minutesAt, toUnixMs, type UtcOffset } from './time/wall-clock';
import { inferYear } from './time/year';

export interface ParseOptions {
  /** The year of RFC 3164 lines (which have none). Without it, see referenceTime. */
  year?: number;
  /**
   * Unix ms the lines are not later than (e.g. when the file was last written): an RFC 3164
   * line gets the latest year that does not put it after this. Default: now.
   */
  referenceTime?: number;
  /** The zone of timestamps that carry none (RFC 3164, Exim): minutes east of UTC. Default 0. */
  utcOffset?: UtcOffset;
  /** For lines that are message bodies without a syslog header: the program that wrote them. */
  program?: string;
  /** For lines without a host in their header. */
  host?: string;
  /** DNS zones that are allowlists (negative weight): their dnsblog hits are dnswl:<zone>. */
  allowlistZones?: ReadonlySet<string>;
}

/** (month 1–12, day, hour, minute) → year, for RFC 3164 stamps. */
export type YearFor = (month: number, day: number, hour: number, minute: number) => number;

const JOURNAL_MARKER = /^-- (?:Logs begin|Journal begins|Boot|Reboot|No entries|Logs end)\b/;
const BLANK = /^\s*$/;
const EMPTY_HEADER: LineHeader = {
  time: undefined,
  host: undefined,
  program: undefined,
  pid: undefined,
};

const programDaemons = new Map<string, string | null>();

/** postfixDaemon, remembered: a log has few distinct tags. */
function daemonOf(program: string): string | undefined {
  let d = programDaemons.get(program);
  if (d === undefined) {
    d = postfixDaemon(program) ?? null;
    if (programDaemons.size < 1000) programDaemons.set(program, d);
  }
  return d ?? undefined;
}

function lastSegment(program: string): string {
  const slash = program.lastIndexOf('/');
  return (slash < 0 ? program : program.slice(slash + 1)).toLowerCase();
}

function dispatch(body: string, h: LineHeader, o: ParseOptions): LogEvent | undefined {
  const program = h.program;
  if (program !== undefined) {
    const daemon = daemonOf(program);
    if (daemon) return parsePostfix(body, daemon, h, o);
    const name = lastSegment(program);
    if (name.startsWith('exim')) return parseExim(body, h);
    if (name === 'postgrey') return parseGreylistDecision(body, h) ?? parsePostgreyOther(body, h);
    // mxwarden's policy service (or any service) writing postgrey's shape.
    const decision = parseGreylistDecision(body, h);
    if (decision) return decision;
    if (name.startsWith('mxwarden'))
      return event(h, { kind: 'notice', level: 'info', topic: 'mxwarden', text: body });
  } else {
    // No header: postgrey's foreground log, an Exim log without a tag.
    const e =
      parseGreylistDecision(body, h) ??
      parsePostgreyOther(body, h) ??
      (looksLikeExim(body) ? parseExim(body, h) : undefined);
    if (e) return e;
  }
  if (JOURNAL_MARKER.test(body))
    return event(h, { kind: 'notice', level: 'info', topic: 'journal', text: body });
  return undefined;
}

function parseUnsafe(line: string, o: ParseOptions, yearFor: YearFor): ParsedLine {
  if (BLANK.test(line)) return event(EMPTY_HEADER, { kind: 'unknown', why: 'empty', text: line });
  const s = splitHeader(line, o.program !== undefined);
  const offset = o.utcOffset ?? 0;
  let time: number | undefined;
  if (s.syslog) {
    const st = s.syslog;
    const year = yearFor(st.month, st.day, st.hour, st.minute);
    const wall = Date.UTC(year, st.month - 1, st.day, st.hour, st.minute, st.second);
    time = wall + fractionMs(st.fraction) - minutesAt(offset, wall) * 60_000;
  } else if (s.dated) {
    time = toUnixMs(s.dated.wall, s.dated.zone, offset);
  }
  const program = s.program ?? o.program;
  let body = s.body;
  // Exim through journald or syslog: its own stamp leads the message.
  if (program !== undefined && lastSegment(program).startsWith('exim')) {
    const inner = parseDated(body);
    if (inner?.style === 'exim') {
      if (time === undefined) time = toUnixMs(inner.wall, inner.zone, offset);
      body = body.slice(inner.length);
    }
  }
  const h: LineHeader = {
    time: time !== undefined && Number.isFinite(time) ? time : undefined,
    host: s.host ?? o.host,
    program,
    pid: s.pid,
  };
  return dispatch(body, h, o) ?? event(h, { kind: 'unknown', why: 'unrecognized', text: body });
}

/** The line as an event, with the given year state; never throws. */
export function parseWith(line: string, options: ParseOptions, yearFor: YearFor): ParsedLine {
  try {
    return parseUnsafe(line, options, yearFor);
  } catch {
    // A parser bug must cost one line, not the stream.
    return event(EMPTY_HEADER, { kind: 'unknown', why: 'parser-error', text: line });
  }
}

/**
 * One line, on its own: an RFC 3164 line takes options.year, or the latest year that does not
 * put it after options.referenceTime (default now). For a stream, use LineParser, which also
 * rolls the year over.
 */
export function parseLine(line: string, options: ParseOptions = {}): ParsedLine {
  const reference = options.referenceTime ?? Date.now();
  return parseWith(
    line,
    options,
    (month, day, hour, minute) => options.year ?? inferYear(month, day, hour, minute, reference),
  );
}
