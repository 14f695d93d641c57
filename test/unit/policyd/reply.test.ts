// Replies and log lines of the policy service: postgrey's texts and shapes (so Postfix and the
// log parsers see the same sentences), and nothing that could break the protocol ever written.
// Runtime: Node (vitest unit project).

import { describe, expect, it } from 'vitest';
import { decisionLine } from '../../../core/policyd/log-line';
import {
  encodeReply,
  greylistAction,
  prependAction,
  replyAction,
  rfc2822Date,
} from '../../../core/policyd/reply';
import { parseRequestBlock } from '../../../core/policyd/request-reader';
import { request } from './requests';

const attrs = (text: string) => {
  const p = parseRequestBlock(Buffer.from(text.slice(0, -1)));
  if (!p.ok) throw new Error(p.why);
  return p.attributes;
};

describe('policy service replies', () => {
  it("greylists with postgrey's text and, for Postfix ≥ 2.3 (etrn_domain sent), DSN 4.2.0", () => {
    expect(greylistAction('bar@foo.tld', true)).toBe(
      'DEFER_IF_PERMIT 4.2.0 Greylisted, see http://postgrey.schweikert.ch/help/foo.tld.html',
    );
    expect(greylistAction('bar@foo.tld', false)).toBe(
      'DEFER_IF_PERMIT Greylisted, see http://postgrey.schweikert.ch/help/foo.tld.html',
    );
    // postgrey takes what follows the last "@", or the whole recipient when there is none.
    expect(greylistAction('"a@b"@c.example', true)).toMatch(/help\/c\.example\.html$/);
    expect(greylistAction('postmaster', true)).toMatch(/help\/postmaster\.html$/);
  });

  it('prepends an X-Greylist header naming mxwarden, with an RFC 2822 date', () => {
    const date = new Date(2026, 10, 3, 9, 5, 7);
    const header = prependAction(312, '0.1.0', 'mx.example.org', date);
    expect(header).toMatch(
      /^PREPEND X-Greylist: delayed 312 seconds by mxwarden-0\.1\.0 at mx\.example\.org; Tue, 03 Nov 2026 09:05:07 [+-]\d{4}$/,
    );
    expect(Date.parse(rfc2822Date(date))).toBe(date.getTime());
  });

  it('writes an SMTP reply as an access(5) action', () => {
    expect(replyAction(550, '5.7.23', '<a@b>: Sender address rejected: SPF check failed')).toBe(
      '550 5.7.23 <a@b>: Sender address rejected: SPF check failed',
    );
  });

  it('encodes one action line and an empty line, refusing anything that breaks the protocol', () => {
    expect(encodeReply('DUNNO')).toBe('action=DUNNO\n\n');
    for (const bad of ['', 'DUNNO\n', 'REJECT a\r\nb', 'PREPEND X: \0', 'x'.repeat(5000)])
      expect(() => encodeReply(bad), JSON.stringify(bad)).toThrow();
  });

  it("logs in postgrey's shape: queue id, action, reason, extra, then the non-empty fields", () => {
    expect(
      decisionLine({ action: 'greylist', reason: 'new' }, attrs(request({ queue_id: '' }))),
    ).toBe(
      'action=greylist, reason=new, client_name=another.domain.tld, client_address=1.2.3.4, sender=foo@bar.tld, recipient=bar@foo.tld',
    );
    expect(
      decisionLine(
        { action: 'pass', reason: 'triplet found', extra: 'delay=312' },
        attrs(request({ sender: '', client_name: 'unknown' })),
      ),
    ).toBe(
      '8045F2AB23: action=pass, reason=triplet found, delay=312, client_name=unknown, client_address=1.2.3.4, recipient=bar@foo.tld',
    );
    // Our own texts never add fields or lines.
    expect(decisionLine({ action: 'pass', reason: 'a, b\nc' }, attrs(request()))).toMatch(
      /^8045F2AB23: action=pass, reason=a; b c, client_name=/,
    );
  });
});
