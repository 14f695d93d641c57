// The policy delegation request parser against SMTPD_POLICY_README's example requests: every
// attribute kept (unknown ones too), any split into chunks reads the same, several requests per
// chunk, and everything that is not a well-formed request refused with a reason — early, without
// buffering past the limits.
// Runtime: Node (vitest unit project).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseRequestBlock,
  RequestReader,
  type ReadEvent,
} from '../../../core/policyd/request-reader';
import { encode, minimal, README_ATTRIBUTES, request } from './requests';

const readAll = (
  chunks: (string | Buffer)[],
  limits?: ConstructorParameters<typeof RequestReader>[0],
) => {
  const r = new RequestReader(limits);
  const events: ReadEvent[] = [];
  for (const c of chunks) events.push(...r.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
  return { events, reader: r };
};

const errorOf = (
  chunks: (string | Buffer)[],
  limits?: ConstructorParameters<typeof RequestReader>[0],
) => {
  const { events } = readAll(chunks, limits);
  const e = events.find((x) => x.kind === 'error');
  return e?.kind === 'error' ? e.why : undefined;
};

describe('policy request parser', () => {
  it("reads the README's request with every attribute up to Postfix 3.12", () => {
    const { events } = readAll([request()]);
    expect(events).toHaveLength(1);
    const e = events[0];
    if (e?.kind !== 'request') throw new Error('no request');
    expect({ ...e.attributes }).toEqual(Object.fromEntries(README_ATTRIBUTES));
    expect(e.bytes).toBe(Buffer.byteLength(request()));
  });

  it('keeps attributes it does not know (later Postfix versions add some)', () => {
    const { events } = readAll([request({ some_future_attribute: 'x=y=z', 'x-custom.1': '' })]);
    const e = events[0];
    if (e?.kind !== 'request') throw new Error('no request');
    expect(e.attributes.some_future_attribute).toBe('x=y=z');
    expect(e.attributes['x-custom.1']).toBe('');
  });

  it('reads the Postfix 2.1 minimum, empty values and UTF-8 addresses', () => {
    const { events } = readAll([minimal('2001:db8::1', '', 'jörg@exämple.org')]);
    const e = events[0];
    if (e?.kind !== 'request') throw new Error('no request');
    expect(e.attributes.sender).toBe('');
    expect(e.attributes.recipient).toBe('jörg@exämple.org');
    expect(e.attributes.client_address).toBe('2001:db8::1');
  });

  it('tolerates CRLF line ends, as postgrey does', () => {
    const { events } = readAll([request().replace(/\n/g, '\r\n')]);
    expect(events.map((e) => e.kind)).toEqual(['request']);
  });

  it('reads the same requests whatever the chunk boundaries (connection reuse)', () => {
    const stream = [request(), minimal('192.0.2.7', 'a@b.example', 'c@d.example'), request()].join(
      '',
    );
    const bytes = Buffer.from(stream);
    const whole = readAll([bytes]).events;
    expect(whole.map((e) => e.kind)).toEqual(['request', 'request', 'request']);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 30 }),
        (cuts) => {
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          const chunks: Buffer[] = [];
          let at = 0;
          for (const p of [...points, bytes.length]) {
            chunks.push(bytes.subarray(at, p));
            at = p;
          }
          expect(readAll(chunks).events).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('waits for the empty line: a request without it is incomplete, not an error', () => {
    const text = request();
    const { events, reader } = readAll([text.slice(0, -1)]);
    expect(events).toEqual([]);
    expect(reader.partialBytes).toBe(Buffer.byteLength(text) - 1);
  });

  it('refuses what Postfix never sends, saying why', () => {
    expect(errorOf(['protocol_state=RCPT\n\n'])).toBe('no request attribute');
    expect(errorOf(['request=junk_policy\n\n'])).toMatch(/unsupported request="junk_policy"/);
    expect(errorOf(['\n'])).toMatch(/empty request/);
    expect(errorOf(['request=smtpd_access_policy\ngarbage\n\n'])).toMatch(/without name=value/);
    expect(errorOf(['request=smtpd_access_policy\n=value\n\n'])).toMatch(/without name=value/);
    expect(errorOf(['request=smtpd_access_policy\nbad name=x\n\n'])).toMatch(/bad attribute name/);
    expect(errorOf([request({ sender: 'a@b' }).replace('\n\n', '\nsender=c@d\n\n')])).toMatch(
      /sender given twice/,
    );
  });

  it('refuses binary data: control characters and invalid UTF-8', () => {
    expect(errorOf([request({ sender: 'a\0b@c' })])).toMatch(/control characters/);
    expect(errorOf([request({ sender: 'a\x1bb@c' })])).toMatch(/control characters/);
    expect(errorOf([request({ sender: 'a\rb@c' })])).toMatch(/control characters/);
    const latin1 = Buffer.concat([
      Buffer.from('request=smtpd_access_policy\nsender=j'),
      Buffer.from([0xf6]),
      Buffer.from('rg@example.org\n\n'),
    ]);
    expect(errorOf([latin1])).toMatch(/not UTF-8/);
    // Without any line end, binary data is refused as it arrives, not buffered to the limit.
    expect(errorOf([Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00])])).toMatch(/control characters/);
  });

  it('enforces the line and request limits before the request ends', () => {
    const limits = { maxRequestBytes: 2048, maxLineBytes: 256 };
    expect(errorOf([`request=smtpd_access_policy\nsender=${'a'.repeat(300)}`], limits)).toMatch(
      /line longer than 256 bytes/,
    );
    const many = Array.from({ length: 40 }, (_, i) => `x_${i}=${'v'.repeat(60)}\n`).join('');
    expect(errorOf([`request=smtpd_access_policy\n${many}`], limits)).toMatch(
      /request larger than 2048 bytes/,
    );
    // Right at the limits is fine.
    const line = `sender=${'a'.repeat(256 - 'sender='.length)}`;
    expect(errorOf([`request=smtpd_access_policy\n${line}\n\n`], limits)).toBeUndefined();
    const exact = encode([
      ['request', 'smtpd_access_policy'],
      ['x', 'y'.repeat(2048 - 'request=smtpd_access_policy\nx=\n\n'.length)],
    ]);
    expect(Buffer.byteLength(exact)).toBe(2048);
    expect(errorOf([exact], { maxRequestBytes: 2048, maxLineBytes: 2048 })).toBeUndefined();
    expect(
      errorOf([`${exact.slice(0, -1)}y\n`], { maxRequestBytes: 2048, maxLineBytes: 2048 }),
    ).toMatch(/larger than 2048/);
  });

  it('returns nothing more after an error, even a good request', () => {
    const r = new RequestReader();
    expect(r.push(Buffer.from('oops\n\n')).map((e) => e.kind)).toEqual(['error']);
    expect(r.push(Buffer.from(request()))).toEqual([]);
  });

  it('never throws, whatever the bytes (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 8 }), (chunks) => {
        const r = new RequestReader({ maxRequestBytes: 1024, maxLineBytes: 200 });
        for (const c of chunks) r.push(Buffer.from(c));
        parseRequestBlock(Buffer.concat(chunks.map((c) => Buffer.from(c))));
      }),
      { numRuns: 500 },
    );
  });
});
