// Reading Postfix policy delegation requests off a byte stream: `name=value` lines ended by an
// empty line (SMTPD_POLICY_README). Incremental, because a request may arrive in pieces and
// several may arrive in one piece. Anything that is not a well-formed request is an error that
// ends the connection: the caller never answers it (Postfix then applies its default action,
// which is safer than answering a request we misread).
// Runtime: Node (Buffer).

import { isUtf8 } from 'node:buffer';

export interface ReaderLimits {
  /** Bytes of one request, its lines and the final empty line included. */
  maxRequestBytes: number;
  /** Bytes of one `name=value` line, without its line end. */
  maxLineBytes: number;
}

export const DEFAULT_LIMITS: ReaderLimits = { maxRequestBytes: 64 * 1024, maxLineBytes: 8192 };

/** The attributes of one request, by name. Unknown attributes are kept. */
export type PolicyAttributes = Readonly<Record<string, string>>;

export type ReadEvent =
  { kind: 'request'; attributes: PolicyAttributes; bytes: number } | { kind: 'error'; why: string };

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const END_LF = Buffer.from('\n\n');
const END_CRLF = Buffer.from('\n\r\n');

export type BlockParse = { ok: true; attributes: PolicyAttributes } | { ok: false; why: string };

const refuse = (why: string): BlockParse => ({ ok: false, why });

/** Bytes an attribute name may hold: letters, digits, _ (Postfix's names), and . - inside. */
const NAME_BYTE = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_')
  NAME_BYTE[c.charCodeAt(0)] = 1;
NAME_BYTE[0x2e] = NAME_BYTE[0x2d] = 2;

const CONTROL = 'request contains control characters (binary data?)';
/** Anything but printable ASCII, TAB and LF. */
const UNUSUAL = /[^\t\n\x20-\x7e]/;

/**
 * Parses one complete request: `block` holds its lines, each ended by LF (a CR before the LF is
 * tolerated, as postgrey does), without the final empty line. One pass over the bytes, because
 * it runs for every request.
 */
export function parseRequestBlock(
  block: Buffer,
  maxLineBytes = DEFAULT_LIMITS.maxLineBytes,
): BlockParse {
  if (block.length === 0) return refuse('empty request (no attributes)');
  // Requests are printable ASCII nearly always: one decoding and one regular expression tell.
  // Anything else (CRLF, UTF-8, binary) gets the careful look, byte by byte.
  let text = block.toString('latin1');
  if (UNUSUAL.test(text)) {
    let high = false;
    for (let i = 0; i < block.length; i++) {
      const b = block[i] as number;
      if (b < 0x20) {
        if (b === LF || b === TAB || (b === CR && block[i + 1] === LF)) continue;
        return refuse(CONTROL);
      }
      if (b >= 0x7f) {
        if (b === 0x7f) return refuse(CONTROL);
        high = true;
      }
    }
    if (high) {
      if (!isUtf8(block)) return refuse('request is not UTF-8 text');
      text = block.toString('utf8');
    }
  }
  const attributes = Object.create(null) as Record<string, string>;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineEnd = end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
    // In characters, which for UTF-8 text is at most the bytes: checked again in bytes below.
    if (
      lineEnd - start > maxLineBytes &&
      Buffer.byteLength(text.slice(start, lineEnd)) > maxLineBytes
    )
      return refuse(`line longer than ${maxLineBytes} bytes`);
    const eq = text.indexOf('=', start);
    if (eq <= start || eq >= lineEnd)
      return refuse(
        `line without name=value: ${JSON.stringify(text.slice(start, Math.min(lineEnd, start + 60)))}`,
      );
    for (let i = start; i < eq; i++) {
      const kind = NAME_BYTE[text.charCodeAt(i)];
      if (!kind || (kind === 2 && i === start))
        return refuse(
          `bad attribute name ${JSON.stringify(text.slice(start, Math.min(eq, start + 60)))}`,
        );
    }
    const name = text.slice(start, eq);
    // A repeated attribute makes the request ambiguous (which client_address is meant?).
    if (attributes[name] !== undefined) return refuse(`attribute ${name} given twice`);
    attributes[name] = text.slice(eq + 1, lineEnd);
    start = end + 1;
  }
  const request = attributes.request;
  if (request === undefined) return refuse('no request attribute');
  if (request !== 'smtpd_access_policy')
    return refuse(
      `unsupported request=${JSON.stringify(request.slice(0, 60))} (only smtpd_access_policy)`,
    );
  return { ok: true, attributes };
}

/**
 * One per connection. `push` returns the requests completed by a chunk, in order; after the
 * first error it returns nothing more (the connection is to be closed).
 */
export class RequestReader {
  private buf: Buffer = Buffer.alloc(0);
  /** Where the current request starts in `buf`. */
  private requestStart = 0;
  /** Where to look for the end of the current request (everything before was searched). */
  private scanFrom = 0;
  /** Bytes of the current request already checked for control characters. */
  private checkedTo = 0;
  private failed = false;

  constructor(private readonly limits: ReaderLimits = DEFAULT_LIMITS) {}

  /** Bytes of a request that has begun but not ended (a truncated request at close). */
  get partialBytes(): number {
    return this.buf.length - this.requestStart;
  }

  push(chunk: Buffer): ReadEvent[] {
    if (this.failed) return [];
    // Keep only the unfinished request from earlier chunks; in the usual case (whole requests
    // per chunk) nothing is left over and the chunk is used as it is, without copying.
    const left = this.buf.length - this.requestStart;
    const shift = this.requestStart;
    this.buf = left === 0 ? chunk : Buffer.concat([this.buf.subarray(shift), chunk]);
    this.scanFrom = Math.max(0, this.scanFrom - shift);
    this.checkedTo = Math.max(0, this.checkedTo - shift);
    this.requestStart = 0;
    const events: ReadEvent[] = [];
    const { maxLineBytes, maxRequestBytes } = this.limits;
    const buf = this.buf;
    while (this.requestStart < buf.length) {
      const start = this.requestStart;
      // An empty line where a request should begin: a request without attributes.
      if (buf[start] === LF || (buf[start] === CR && buf[start + 1] === LF))
        return this.fail(events, 'empty request (no attributes)');
      // The request ends at its first empty line: LF LF, or LF CR LF from a CRLF client.
      const from = Math.max(this.scanFrom, start);
      const lf = buf.indexOf(END_LF, from);
      const crlf = buf.indexOf(END_CRLF, from);
      const last = lf < 0 ? crlf : crlf < 0 ? lf : Math.min(lf, crlf);
      if (last < 0) break;
      const next = last === lf ? last + 2 : last + 3;
      if (next - start > maxRequestBytes)
        return this.fail(events, `request larger than ${maxRequestBytes} bytes`);
      const parsed = parseRequestBlock(buf.subarray(start, last + 1), maxLineBytes);
      if (!parsed.ok) return this.fail(events, parsed.why);
      events.push({ kind: 'request', attributes: parsed.attributes, bytes: next - start });
      this.requestStart = this.scanFrom = this.checkedTo = next;
    }
    if (this.requestStart === buf.length) return events;
    // An unfinished request: it and its last line must still fit the limits, and binary data
    // is refused as it arrives, not buffered up to the size limit first.
    if (buf.length - this.requestStart > maxRequestBytes)
      return this.fail(events, `request larger than ${maxRequestBytes} bytes`);
    const lineStart = Math.max(this.requestStart, buf.lastIndexOf(LF) + 1);
    if (buf.length - lineStart > maxLineBytes + 1)
      return this.fail(events, `line longer than ${maxLineBytes} bytes`);
    for (let i = Math.max(this.checkedTo, this.requestStart); i < buf.length; i++) {
      const b = buf[i] as number;
      if ((b < 0x20 && b !== LF && b !== TAB && b !== CR) || b === 0x7f)
        return this.fail(events, CONTROL);
    }
    this.checkedTo = buf.length;
    // The end may straddle chunks ("\n" now, "\n" next time): look again from just before.
    this.scanFrom = Math.max(this.requestStart, buf.length - 2);
    return events;
  }

  private fail(events: ReadEvent[], why: string): ReadEvent[] {
    this.failed = true;
    this.buf = Buffer.alloc(0);
    this.requestStart = this.scanFrom = this.checkedTo = 0;
    events.push({ kind: 'error', why });
    return events;
  }
}
