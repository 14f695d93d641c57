// The reason taxonomy: one id per rule, shared by the engine's verdicts, the compiler's output
// and the log parsers' events, so the chart's "RBL zen.spamhaus.org" bar, the policy's list entry
// and the reject line all name the same rule. Runtime: pure.

export type RuleId =
  | 'client.allow'
  | 'client.deny'
  | 'sender.allow'
  | 'sender.deny'
  | 'recipient.exempt'
  | 'postscreen.pregreet'
  | 'postscreen.protocol'
  | 'dnsbl.score'
  | `dnsbl:${string}`
  | `dnswl:${string}`
  /** A whitelisted cloud sender: cloud:<provider>. */
  | `cloud:${string}`
  | 'helo.invalid'
  | 'helo.non-fqdn'
  | 'helo.claims-us'
  | 'rdns.missing'
  | 'rdns.unconfirmed'
  | 'spf.fail'
  | 'spf.softfail'
  | 'greylist'
  | 'quota'
  | 'reoffender';

export const dnsblRule = (zone: string): RuleId => `dnsbl:${zone.toLowerCase()}`;
export const dnswlRule = (zone: string): RuleId => `dnswl:${zone.toLowerCase()}`;

const LABELS: Record<string, string> = {
  'client.allow': 'Client allowlist',
  'client.deny': 'Client denylist',
  'sender.allow': 'Sender allowlist',
  'sender.deny': 'Sender denylist',
  'recipient.exempt': 'Recipient exempt from filtering',
  'postscreen.pregreet': 'Early talker (pregreet)',
  'postscreen.protocol': 'SMTP protocol violation',
  'dnsbl.score': 'DNSBL score',
  'helo.invalid': 'Invalid HELO',
  'helo.non-fqdn': 'Non-FQDN HELO',
  'helo.claims-us': 'HELO claims to be us',
  'rdns.missing': 'No reverse DNS',
  'rdns.unconfirmed': 'Reverse DNS not confirmed',
  'spf.fail': 'SPF fail',
  'spf.softfail': 'SPF softfail',
  greylist: 'Greylisting',
  quota: 'Quota',
  reoffender: 'Reoffender',
};

export function ruleLabel(id: string): string {
  if (id.startsWith('dnsbl:')) return `RBL ${id.slice(6)}`;
  if (id.startsWith('dnswl:')) return `DNSWL ${id.slice(6)}`;
  if (id.startsWith('cloud:')) return `Cloud sender ${id.slice(6)}`;
  return LABELS[id] ?? id;
}
