// The replies Postfix (and postgrey) give, so a verdict reads exactly like the server will.
// Runtime: pure.

export interface Reply {
  code: number;
  enhanced: string;
  text: string;
  /**
   * For a reply from the policy service: the text it answers with. Postfix puts its own words in
   * front ("<rcpt>: Recipient address rejected: "), and `text` is what the client then reads.
   */
  serviceText?: string;
}

const r = (code: number, enhanced: string, text: string): Reply => ({ code, enhanced, text });

/** check_policy_service sits in smtpd_recipient_restrictions: Postfix names the recipient. */
const viaPolicyService = (recipient: string, inner: Reply): Reply => ({
  ...inner,
  text: `<${recipient}>: Recipient address rejected: ${inner.text}`,
  serviceText: inner.text,
});

export const REPLIES = {
  /** postscreen_denylist_action = enforce */
  postscreenDenylisted: () => r(550, '5.3.2', 'Service currently unavailable'),
  /** postscreen_greet_action = enforce (550 at RCPT TO), or drop (521, and the connection is closed) */
  postscreenPregreet: (action: 'enforce' | 'drop') =>
    r(action === 'drop' ? 521 : 550, '5.5.1', 'Protocol error'),
  /** postscreen_dnsbl_action = enforce (postscreen names the list with the largest weight) */
  postscreenDnsbl: (ip: string, zone: string) =>
    r(550, '5.7.1', `Service unavailable; client [${ip}] blocked using ${zone}`),
  /** reject_rbl_client, with default_rbl_reply (the list's TXT reason appended when it has one) */
  smtpdRbl: (ip: string, zone: string, reason?: string) =>
    r(
      554,
      '5.7.1',
      `Service unavailable; Client host [${ip}] blocked using ${zone}${reason ? `; ${reason}` : ''}`,
    ),
  clientDenied: (client: string) =>
    r(554, '5.7.1', `<${client}>: Client host rejected: Access denied`),
  senderDenied: (sender: string) =>
    r(554, '5.7.1', `<${sender}>: Sender address rejected: Access denied`),
  heloInvalid: (helo: string) => r(501, '5.5.2', `<${helo}>: Helo command rejected: Invalid name`),
  /** A HELO starting with "[" that is no valid address literal (Postfix's reject_invalid_hostaddr). */
  heloInvalidAddress: (helo: string) =>
    r(501, '5.5.2', `<${helo}>: Helo command rejected: invalid ip address`),
  heloNonFqdn: (helo: string) =>
    r(504, '5.5.2', `<${helo}>: Helo command rejected: need fully-qualified hostname`),
  heloClaimsUs: (helo: string) =>
    r(554, '5.7.1', `<${helo}>: Helo command rejected: You are not us`),
  /** reject_unknown_client_hostname (FCrDNS); unknown_client_reject_code is 450 unless set */
  rdnsUnconfirmed: (ip: string, code: number) =>
    r(
      code,
      code >= 500 ? '5.7.25' : '4.7.25',
      `Client host rejected: cannot find your hostname, [${ip}]`,
    ),
  /** reject_unknown_reverse_client_hostname (any PTR): Postfix gives it 4.7.1/5.7.1, not x.7.25 */
  rdnsMissing: (ip: string, code: number) =>
    r(
      code,
      code >= 500 ? '5.7.1' : '4.7.1',
      `Client host rejected: cannot find your reverse hostname, [${ip}]`,
    ),
  spfFail: (recipient: string, sender: string, domain: string) =>
    viaPolicyService(
      recipient,
      r(550, '5.7.23', `<${sender}>: Sender address rejected: SPF check failed for ${domain}`),
    ),
  spfSoftfail: (recipient: string, sender: string, domain: string) =>
    viaPolicyService(
      recipient,
      r(
        450,
        '4.7.23',
        `<${sender}>: Sender address rejected: SPF softfail for ${domain}, try again later`,
      ),
    ),
  /** postgrey's DEFER_IF_PERMIT text, as Postfix wraps it */
  greylisted: (recipient: string) => {
    const domain = recipient.split('@').pop() || 'localhost';
    return r(
      450,
      '4.2.0',
      `<${recipient}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/${domain}.html`,
    );
  },
} as const;

export const replyLine = (x: Reply): string => `${x.code} ${x.enhanced} ${x.text}`;
