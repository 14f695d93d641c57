// The request stream of the decisions/s benchmark: what a Postfix 3.7 smtpd sends at RCPT TO
// (every attribute of that version, as SMTPD_POLICY_README lists them), one distinct client
// address per triplet so both services see a new triplet per request. Sender and recipient
// names carry no digits: postgrey and mxwarden both fold digit runs in senders (VERP), which
// would merge triplets. Runtime: Node (bench).

export interface StreamOptions {
  /** Distinct triplets. */
  count: number;
  /** Second octet of the first client address: separate ranges for warm-up and measurement. */
  net: number;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** 0 → "a", 27 → "bb": a digit-free name for a number. */
function word(n: number): string {
  let s = '';
  let v = n;
  do {
    s += LETTERS[v % 26];
    v = Math.floor(v / 26);
  } while (v > 0);
  return s;
}

export function postfixRequest(i: number, o: StreamOptions): string {
  // 10.<net>.x.y, moving on to the next /16 every 65,536 requests.
  const address = `10.${(o.net + (i >>> 16)) & 255}.${(i >>> 8) & 255}.${i & 255}`;
  const client = `${address.split('.').reverse().join('-')}.dsl.example.net`;
  const sender = `${word(i % 5000)}@sender-${word(i % 97)}.example`;
  const recipient = `${word(i % 13)}@lab.example`;
  return [
    'request=smtpd_access_policy',
    'protocol_state=RCPT',
    'protocol_name=ESMTP',
    `helo_name=${client}`,
    'queue_id=',
    `sender=${sender}`,
    `recipient=${recipient}`,
    'recipient_count=0',
    `client_address=${address}`,
    `client_name=${client}`,
    `reverse_client_name=${client}`,
    `instance=${(1000 + i).toString(16)}.${(0x5f000000 + i).toString(16)}.${i % 7}`,
    'sasl_method=',
    'sasl_username=',
    'sasl_sender=',
    'size=0',
    'ccert_subject=',
    'ccert_issuer=',
    'ccert_fingerprint=',
    'ccert_pubkey_fingerprint=',
    'encryption_protocol=TLSv1.3',
    'encryption_cipher=TLS_AES_256_GCM_SHA384',
    'encryption_keysize=256',
    'etrn_domain=',
    'stress=',
    `client_port=${40000 + (i % 20000)}`,
    'policy_context=',
    'server_address=127.0.0.1',
    'server_port=25',
    '',
    '',
  ].join('\n');
}

/** The stream, encoded before the clock starts. */
export function requestStream(o: StreamOptions): Buffer[] {
  return Array.from({ length: o.count }, (_, i) => Buffer.from(postfixRequest(i, o)));
}
