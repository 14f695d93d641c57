// Why a log line says mail was refused, in classes finer than the policy's rules: "unknown
// recipient" or "relay denied" are reasons a chart must show although no mxwarden rule causes
// them. Where a class is the work of a policy rule, the classifier also names the RuleId
// (core/policy/rules.ts), so the parsers, the engine and the compiler share one taxonomy.
// Runtime: pure.

export const REASON_CLASSES = [
  'rbl',
  'greylist',
  'rdns.missing',
  'rdns.unconfirmed',
  'helo.invalid',
  'helo.non-fqdn',
  'helo.claims-us',
  'helo.unknown',
  'helo.access',
  'client.access',
  'sender.access',
  'sender.unknown',
  'sender.unknown-domain',
  'sender.non-fqdn',
  'sender.unverified',
  'sender.login-mismatch',
  'recipient.access',
  'recipient.unknown',
  'recipient.unknown-domain',
  'recipient.non-fqdn',
  'recipient.unverified',
  'relay.denied',
  'spf.fail',
  'spf.softfail',
  'policy.score',
  'policy.service',
  'protocol-error',
  'pipelining',
  'data',
  'content',
  'milter',
  'content-filter',
  'size',
  'rate-limit',
  'overload',
  'tls-required',
  'auth-required',
  'server-error',
  'other',
] as const;

export type ReasonClass = (typeof REASON_CLASSES)[number];

const LABELS: Record<ReasonClass, string> = {
  rbl: 'DNS blocklist',
  greylist: 'Greylisting',
  'rdns.missing': 'No reverse DNS',
  'rdns.unconfirmed': 'Reverse DNS not confirmed',
  'helo.invalid': 'Invalid HELO',
  'helo.non-fqdn': 'Non-FQDN HELO',
  'helo.claims-us': 'HELO claims to be us',
  'helo.unknown': 'HELO name not in DNS',
  'helo.access': 'HELO access map',
  'client.access': 'Client access map',
  'sender.access': 'Sender access map',
  'sender.unknown': 'Unknown sender',
  'sender.unknown-domain': 'Sender domain not found',
  'sender.non-fqdn': 'Non-FQDN sender',
  'sender.unverified': 'Sender verification failed',
  'sender.login-mismatch': 'Sender not owned by the login',
  'recipient.access': 'Recipient access map',
  'recipient.unknown': 'Unknown recipient',
  'recipient.unknown-domain': 'Recipient domain not found',
  'recipient.non-fqdn': 'Non-FQDN recipient',
  'recipient.unverified': 'Recipient verification failed',
  'relay.denied': 'Relay access denied',
  'spf.fail': 'SPF fail',
  'spf.softfail': 'SPF softfail',
  'policy.score': 'Policy score over the threshold',
  'policy.service': 'Policy service',
  'protocol-error': 'SMTP protocol error',
  pipelining: 'Improper command pipelining',
  data: 'DATA command rejected',
  content: 'Header/body check',
  milter: 'Milter',
  'content-filter': 'Content filter',
  size: 'Message too large',
  'rate-limit': 'Rate or connection limit',
  overload: 'Server busy',
  'tls-required': 'TLS required',
  'auth-required': 'Authentication required',
  'server-error': 'Server configuration problem',
  other: 'Other',
};

export function reasonLabel(c: ReasonClass): string {
  return LABELS[c];
}

export function isReasonClass(s: string): s is ReasonClass {
  return Object.hasOwn(LABELS, s);
}
