// Pieces that recur across Postfix's lines: a client as `name[address]:port`, an SMTP reply
// `550 5.7.1 text`, and the envelope trailer `from=<s> to=<r> proto=ESMTP helo=<h>` (commas
// between its fields when postscreen writes it). Runtime: pure.

/** `name[address]` with an optional `:port`; the name may be empty (postscreen). */
export const CLIENT = String.raw`([^\s[\]]*)\[([^\]\s]*)\](?::(\d{1,5}))?`;

/** Postfix queue ids (short hex or long base-52) and the NOQUEUE placeholder. */
export const QUEUE_ID = String.raw`[0-9A-Za-z]{5,30}`;

/** A client name as logged; '' (postscreen) is none. */
export function nameOf(name: string | undefined): string | undefined {
  return name ? name : undefined;
}

/** "unknown[unknown]": the client left before its address was known. */
export function addressOf(address: string | undefined): string | undefined {
  return address && address !== 'unknown' ? address : undefined;
}

export function portOf(port: string | undefined): number | undefined {
  return port ? Number(port) : undefined;
}

export interface Reply {
  code?: number;
  enhanced?: string;
  text: string;
}

const CODED = /^([2-5]\d\d)(?:[ -]([2-5]\.\d{1,3}\.\d{1,3}))?(?: |$)/;
const ENHANCED_ONLY = /^([2-5]\.\d{1,3}\.\d{1,3})(?: |$)/;

/** `550 5.7.1 text`, `450 text`, or (milters) `5.7.1 text`. */
export function parseReply(s: string): Reply {
  const m = CODED.exec(s);
  if (m) return { code: Number(m[1]), enhanced: m[2], text: s.slice(m[0].length) };
  const e = ENHANCED_ONLY.exec(s);
  if (e) return { code: undefined, enhanced: e[1], text: s.slice(e[0].length) };
  return { code: undefined, enhanced: undefined, text: s };
}

export interface Trailer {
  from?: string;
  to?: string;
  proto?: string;
  helo?: string;
  /** Text after the trailer (cleanup's header checks: `helo=<h>: 5.7.1 text`). */
  after?: string;
}

/** Where the trailer starts: the first `; from=<`, `; to=<`, `; proto=` or `; helo=`. */
const TRAILER_START = /; (?=from=<|to=<|proto=|helo=)/;
/** Addresses without a `>` in them: the price of linear time on hostile lines. */
const TRAILER =
  /^(?:from=<([^>]*)>,? ?)?(?:to=<([^>]*)>,? ?)?(?:proto=([^\s,:]*),? ?)?(?:helo=(?:<([^>]*)>|([^\s<>:]*)))?(?:: (.*))?$/s;

export function parseTrailer(s: string): Trailer | undefined {
  const m = TRAILER.exec(s);
  if (!m) return undefined;
  const t: Trailer = {};
  if (m[1] !== undefined) t.from = m[1];
  if (m[2] !== undefined) t.to = m[2];
  if (m[3] !== undefined) t.proto = m[3];
  const helo = m[4] ?? m[5];
  if (helo !== undefined) t.helo = helo;
  if (m[6] !== undefined) t.after = m[6];
  return t;
}

/** A reply and its envelope trailer, when it has one. */
export function splitTrailer(s: string): { head: string; trailer?: Trailer } {
  const m = TRAILER_START.exec(s);
  if (!m) return { head: s };
  const trailer = parseTrailer(s.slice(m.index + 2));
  return trailer ? { head: s.slice(0, m.index), trailer } : { head: s };
}

/** Exim-style durations: `21s`, `0.349s`, `2m42s`, `1h2m3s`. */
export function durationSeconds(s: string): number | undefined {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(s);
  if (!m || s === '') return undefined;
  return (
    Number(m[1] ?? 0) * 86400 +
    Number(m[2] ?? 0) * 3600 +
    Number(m[3] ?? 0) * 60 +
    Number(m[4] ?? 0)
  );
}

/** Postfix `<address>` values: the brackets go, the null sender is ''. */
export function unbracket(s: string): string {
  return s.startsWith('<') && s.endsWith('>') ? s.slice(1, -1) : s;
}
