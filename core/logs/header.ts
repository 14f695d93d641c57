// Where a line's syslog header ends and its message begins: the timestamp (RFC 3164, RFC 3339 /
// journald short-iso, Exim's, postgrey's Net::Server), the host, the program and its pid. What
// a line lacks stays undefined; what is left is the body the program parsers read.
// Runtime: pure.

import { parseDated, type DatedStamp } from './time/iso';
import { parseRfc3164, type SyslogStamp } from './time/rfc3164';

export interface SplitLine {
  body: string;
  host: string | undefined;
  program: string | undefined;
  pid: number | undefined;
  /** An RFC 3164 stamp: no year, no zone. */
  syslog: SyslogStamp | undefined;
  dated: DatedStamp | undefined;
}

/** `host program[pid]: ` — the pid optional, as for `kernel:` or a tag without one. */
const HOST_TAG = /^(\S+) ([^\s:[\]]+)(?:\[(\d{1,10})\])?: ?/;
/** `program[pid]: ` with no host (some relays drop it). */
const TAG_ONLY = /^([^\s:[\]]+)(?:\[(\d{1,10})\])?: /;
/** With no timestamp, only a tag with a pid is believed to be a header, not message text. */
const HOST_TAG_PID = /^(\S+) ([^\s:[\]]+)\[(\d{1,10})\]: ?/;
const HOST_ONLY = /^(\S+) /;
const PRIORITY = /^<\d{1,3}>/;

function line(
  body: string,
  host: string | undefined,
  program: string | undefined,
  pid: string | undefined,
): SplitLine {
  return {
    body,
    host,
    program,
    pid: pid === undefined ? undefined : Number(pid),
    syslog: undefined,
    dated: undefined,
  };
}

/** After a syslog or ISO stamp: host and tag, a tag alone, or a host and free text. */
function afterStamp(rest: string): SplitLine {
  let m = HOST_TAG.exec(rest);
  if (m) return line(rest.slice(m[0].length), m[1], m[2], m[3]);
  m = TAG_ONLY.exec(rest);
  if (m) return line(rest.slice(m[0].length), undefined, m[1], m[2]);
  m = HOST_ONLY.exec(rest);
  if (m) return line(rest.slice(m[0].length), m[1], undefined, undefined);
  return line(rest, undefined, undefined, undefined);
}

/**
 * `bareBody`: the line is a message body (no header at all), as in postgrey's foreground log
 * or a test corpus of bodies; only a timestamp is still looked for.
 */
export function splitHeader(raw: string, bareBody = false): SplitLine {
  let text = raw.charCodeAt(raw.length - 1) === 13 /* \r */ ? raw.slice(0, -1) : raw;
  if (text.charCodeAt(0) === 60 /* < */) {
    const p = PRIORITY.exec(text);
    if (p) text = text.slice(p[0].length);
  }
  const syslog = parseRfc3164(text);
  if (syslog) {
    const rest = text.slice(syslog.length);
    const out = bareBody ? line(rest, undefined, undefined, undefined) : afterStamp(rest);
    out.syslog = syslog;
    return out;
  }
  const dated = parseDated(text);
  if (dated) {
    const rest = text.slice(dated.length);
    let out: SplitLine;
    if (bareBody || dated.style === 'netserver') out = line(rest, undefined, undefined, undefined);
    else if (dated.style === 'iso') out = afterStamp(rest);
    else {
      // Exim's own stamp: its main log has no tag, unless syslog-ng wrote one after the stamp.
      const m = HOST_TAG_PID.exec(rest);
      out = m
        ? line(rest.slice(m[0].length), m[1], m[2], m[3])
        : line(rest, undefined, 'exim', undefined);
    }
    out.dated = dated;
    return out;
  }
  if (!bareBody) {
    const m = HOST_TAG_PID.exec(text);
    if (m) return line(text.slice(m[0].length), m[1], m[2], m[3]);
  }
  return line(text, undefined, undefined, undefined);
}
