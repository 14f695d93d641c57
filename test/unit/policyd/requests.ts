// Requests as Postfix sends them, written out from SMTPD_POLICY_README's example (every attribute
// of every version up to 3.12), plus a builder for variations.
// Runtime: pure (test data).

/** The README's example request, attribute by attribute, in its order. */
export const README_ATTRIBUTES: [string, string][] = [
  // Postfix 2.1 and later
  ['request', 'smtpd_access_policy'],
  ['protocol_state', 'RCPT'],
  ['protocol_name', 'SMTP'],
  ['helo_name', 'some.domain.tld'],
  ['queue_id', '8045F2AB23'],
  ['sender', 'foo@bar.tld'],
  ['recipient', 'bar@foo.tld'],
  ['recipient_count', '0'],
  ['client_address', '1.2.3.4'],
  ['client_name', 'another.domain.tld'],
  ['reverse_client_name', 'another.domain.tld'],
  ['instance', '123.456.7'],
  // 2.2 and later
  ['sasl_method', 'plain'],
  ['sasl_username', 'you'],
  ['sasl_sender', ''],
  ['size', '12345'],
  ['ccert_subject', 'solaris9.porcupine.org'],
  ['ccert_issuer', 'Wietse+20Venema'],
  ['ccert_fingerprint', 'C2:9D:F4:87:71:73:73:D9:18:E7:C2:F3:C1:DA:6E:04'],
  // 2.3 and later
  ['encryption_protocol', 'TLSv1/SSLv3'],
  ['encryption_cipher', 'DHE-RSA-AES256-SHA'],
  ['encryption_keysize', '256'],
  ['etrn_domain', ''],
  // 2.5 and later
  ['stress', ''],
  // 2.9 and later
  ['ccert_pubkey_fingerprint', '68:B3:29:DA:98:93:E3:40:99:C7:D8:AD:5C:B9:C9:40'],
  // 3.0 and later
  ['client_port', '1234'],
  // 3.1 and later
  ['policy_context', 'submission'],
  // 3.2 and later
  ['server_address', '10.3.2.1'],
  ['server_port', '54321'],
  // 3.8 and later
  ['compatibility_level', 'major.minor.patch'],
  ['mail_version', '3.8.0'],
  // 3.12 and later
  ['tls_sni', 'mx.example.com'],
];

export function encode(attributes: readonly [string, string][]): string {
  return `${attributes.map(([k, v]) => `${k}=${v}\n`).join('')}\n`;
}

/** The README request with some attributes replaced (or removed, with value null). */
export function request(over: Record<string, string | null> = {}): string {
  const out: [string, string][] = [];
  for (const [k, v] of README_ATTRIBUTES) {
    if (k in over) {
      const o = over[k];
      if (o !== null && o !== undefined) out.push([k, o]);
    } else out.push([k, v]);
  }
  for (const [k, v] of Object.entries(over))
    if (v !== null && !README_ATTRIBUTES.some(([a]) => a === k)) out.push([k, v]);
  return encode(out);
}

/** The smallest request a Postfix 2.1 could send for a RCPT. */
export function minimal(client: string, sender: string, recipient: string): string {
  return encode([
    ['request', 'smtpd_access_policy'],
    ['protocol_state', 'RCPT'],
    ['client_address', client],
    ['client_name', 'unknown'],
    ['sender', sender],
    ['recipient', recipient],
  ]);
}
