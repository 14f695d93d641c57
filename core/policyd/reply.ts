// What the policy service writes back: `action=<access(5) action>` and an empty line, with the
// texts postgrey uses (so Postfix logs, and the log parsers read, the same sentences whichever
// service answered). Runtime: pure.

/** postgrey's default --greylist-text; %r is the recipient's domain. */
export function greylistAction(recipient: string, etrnDomainSent: boolean): string {
  // postgrey: everything after the last "@" (the whole address when there is none).
  const domain = recipient.replace(/^.*@/, '');
  // postgrey puts the enhanced status 4.2.0 in front when the request has etrn_domain (every
  // Postfix since 2.3 sends it): Exchange treats 4.7.1 as permanent. Postfix then replies
  // "450 4.2.0 <rcpt>: Recipient address rejected: Greylisted, see …".
  const dsn = etrnDomainSent ? '4.2.0 ' : '';
  return `DEFER_IF_PERMIT ${dsn}Greylisted, see http://postgrey.schweikert.ch/help/${domain}.html`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** RFC 2822 date in local time with a numeric zone: `Tue, 03 Mar 2026 10:04:05 +0100`. */
export function rfc2822Date(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${DAYS[d.getDay()]}, ${two(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ` +
    `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ` +
    `${sign}${two(Math.floor(abs / 60))}${two(abs % 60)}`
  );
}

/** postgrey's X-Greylist header, naming us instead. */
export function prependAction(
  delaySeconds: number,
  version: string,
  hostname: string,
  date: Date,
): string {
  return `PREPEND X-Greylist: delayed ${delaySeconds} seconds by mxwarden-${version} at ${hostname}; ${rfc2822Date(date)}`;
}

/** An SMTP reply as an access(5) action: `550 5.7.23 text`. */
export function replyAction(code: number, enhanced: string, text: string): string {
  return `${code} ${enhanced} ${text}`;
}

/** Postfix reads the reply line by line: an action must be one line of text. */
const MAX_ACTION = 4000;

/**
 * The text of a reply (written as UTF-8). Throws (an internal error: the caller closes without answering) on an
 * action that would break the protocol — an empty one, a line break, a control character.
 */
export function encodeReply(action: string): string {
  if (action.length === 0 || action.length > MAX_ACTION)
    throw new Error(`refusing to send an action of ${action.length} characters`);
  for (let i = 0; i < action.length; i++) {
    const c = action.charCodeAt(i);
    if (c < 0x20 || c === 0x7f)
      throw new Error('refusing to send an action with control characters');
  }
  return `action=${action}\n\n`;
}
