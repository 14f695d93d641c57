// What changed between two policy versions, in words, for push previews and history.
// Runtime: pure.

import { CLOUD_SCOPE_WORDS, cloudSenderWords, pinnedWords } from './cloud-senders';
import type { CheckAction, CloudSender, DnsList, Policy } from './schema';

export interface PolicyChange {
  section: string;
  kind: 'added' | 'removed' | 'changed';
  text: string;
}

interface Keyed {
  key: string;
  label: string;
  /** Attribute → shown value; compared one by one so a change reads "weight 3 → 4". */
  attrs: Record<string, string>;
}

const describeAttrs = (attrs: Record<string, string>): string =>
  Object.entries(attrs)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => (k === 'note' ? `“${v}”` : `${k} ${v}`))
    .join(', ');

const LIST_SECTIONS: { path: string[]; section: string; noun: string }[] = [
  { path: ['clients', 'allow'], section: 'Client allowlist', noun: 'client' },
  { path: ['clients', 'deny'], section: 'Client denylist', noun: 'client' },
  { path: ['senders', 'allow'], section: 'Sender allowlist', noun: 'sender' },
  { path: ['senders', 'deny'], section: 'Sender denylist', noun: 'sender' },
  {
    path: ['recipients', 'exempt'],
    section: 'Recipients exempt from filtering',
    noun: 'recipient',
  },
  {
    path: ['greylisting', 'exceptions', 'clients'],
    section: 'Greylisting: exempt clients',
    noun: 'client',
  },
  {
    path: ['greylisting', 'exceptions', 'spfValidatedSenders'],
    section: 'Greylisting: senders exempt with SPF',
    noun: 'sender',
  },
  {
    path: ['greylisting', 'exceptions', 'recipients'],
    section: 'Greylisting: exempt recipients',
    noun: 'recipient',
  },
];

const LABELS: Record<string, string> = {
  name: 'Policy name',
  'dnsbl.threshold': 'DNSBL threshold',
  'dnsbl.allowlistThreshold': 'DNSBL allowlist threshold',
  'greylisting.enabled': 'Greylisting',
  'greylisting.dryRun': 'Greylisting dry-run',
  'greylisting.delaySeconds': 'Greylisting delay (s)',
  'greylisting.retryWindowHours': 'Greylisting retry window (h)',
  'greylisting.maxAgeDays': 'Greylisting max age (days)',
  'greylisting.perHost': 'Greylisting per host (not per network)',
  'greylisting.ipv4Prefix': 'Greylisting IPv4 prefix',
  'greylisting.ipv6Prefix': 'Greylisting IPv6 prefix',
  'greylisting.autoWhitelistAfter': 'Auto-whitelist after (passes)',
  'greylisting.applyTo': 'Greylisting applies to',
  'greylisting.normalizeSender.batv': 'Strip BATV tags from senders',
  'greylisting.normalizeSender.plusExtension': 'Strip +extensions from senders',
  'greylisting.normalizeSender.verpDigits': 'Collapse VERP digits in senders',
  'helo.invalid': 'Invalid HELO',
  'helo.nonFqdn': 'Non-FQDN HELO',
  'helo.claimsToBeUs': 'HELO claiming to be us',
  'helo.ourNames': 'Our own names',
  'rdns.require': 'Reverse DNS required',
  'rdns.action': 'Reverse DNS action',
  'spf.fail': 'SPF fail',
  'spf.softfail': 'SPF softfail',
  'earlyTalker.enabled': 'Early-talker test',
  'earlyTalker.greetWaitSeconds': 'Greet wait (s)',
  'earlyTalker.action': 'Early-talker action',
  'quotas.enabled': 'Quotas',
  'quotas.messagesPerClientPerHour': 'Messages per client per hour',
  'reoffenders.enabled': 'Reoffender escalation',
  'reoffenders.rejectionsBeforeBan': 'Rejections before ban',
  'reoffenders.banDays': 'Ban length (days)',
};

const SECTIONS: Record<string, string> = {
  name: 'Policy',
  dnsbl: 'DNS lists',
  greylisting: 'Greylisting',
  helo: 'HELO',
  rdns: 'Reverse DNS',
  spf: 'SPF',
  earlyTalker: 'Early talkers',
  quotas: 'Quotas',
  reoffenders: 'Reoffenders',
};

function at(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
    obj,
  );
}

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (v && typeof v === 'object' && 'action' in v) {
    const a = v as CheckAction;
    return `${a.action}${a.action === 'score' ? ` ${a.score ?? ''}` : ''}${a.dryRun ? ' (dry-run)' : ''}`;
  }
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none)';
  return String(v);
}

function entryKeyed(e: Record<string, unknown>): Keyed {
  const value = String(e.value);
  const attrs: Record<string, string> = {
    scope: e.scope ? `skips ${String(e.scope)}` : '',
    SPF: e.requireSpf ? 'required' : '',
    until: e.expires ? String(e.expires) : '',
    from: e.source && e.source !== 'manual' ? String(e.source) : '',
    note: e.note ? String(e.note) : '',
  };
  return { key: value.toLowerCase(), label: value, attrs };
}

function listKeyed(l: DnsList): Keyed {
  const label = `${l.zone}${l.filter ? `=${l.filter}` : ''}`;
  const attrs: Record<string, string> = {
    weight: String(l.weight),
    state: l.enabled ? (l.dryRun ? 'dry-run' : 'on') : 'disabled',
    IPv6: l.ipv6 ? 'yes' : 'no',
    note: l.note ?? '',
  };
  return { key: label.toLowerCase(), label, attrs };
}

function diffKeyed(section: string, noun: string, a: Keyed[], b: Keyed[]): PolicyChange[] {
  const before = new Map(a.map((k) => [k.key, k]));
  const after = new Map(b.map((k) => [k.key, k]));
  const out: PolicyChange[] = [];
  for (const [key, k] of after) {
    const old = before.get(key);
    const body = describeAttrs(k.attrs);
    if (!old) {
      out.push({
        section,
        kind: 'added',
        text: `added ${noun} ${k.label}${body ? ` (${body})` : ''}`,
      });
      continue;
    }
    const changed = Object.keys({ ...old.attrs, ...k.attrs })
      .filter((attr) => (old.attrs[attr] ?? '') !== (k.attrs[attr] ?? ''))
      .map((attr) => `${attr} ${old.attrs[attr] || '(none)'} → ${k.attrs[attr] || '(none)'}`);
    if (changed.length)
      out.push({ section, kind: 'changed', text: `${k.label}: ${changed.join(', ')}` });
  }
  for (const [key, k] of before)
    if (!after.has(key)) out.push({ section, kind: 'removed', text: `removed ${noun} ${k.label}` });
  return out;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function added<T>(before: T[], after: T[]): T[] {
  const old = new Set(before);
  return after.filter((x) => !old.has(x));
}

/** Whitelisted cloud senders, one line per provider: "whitelisted Google (skip greylisting, 312 ranges)". */
function diffCloudSenders(a: CloudSender[], b: CloudSender[]): PolicyChange[] {
  const section = 'Cloud senders';
  const before = new Map(a.map((g) => [g.provider, g]));
  const after = new Map(b.map((g) => [g.provider, g]));
  const out: PolicyChange[] = [];
  for (const [id, g] of after) {
    const old = before.get(id);
    if (!old) {
      out.push({ section, kind: 'added', text: `whitelisted ${cloudSenderWords(g)}` });
      continue;
    }
    const parts: string[] = [];
    if (old.scope !== g.scope)
      parts.push(`${CLOUD_SCOPE_WORDS[old.scope]} → ${CLOUD_SCOPE_WORDS[g.scope]}`);
    const plus = added(old.ranges, g.ranges).length;
    const minus = added(g.ranges, old.ranges).length;
    const hPlus = added(old.hostnames, g.hostnames).length;
    const hMinus = added(g.hostnames, old.hostnames).length;
    if (plus + minus + hPlus + hMinus > 0) {
      parts.push(
        `ranges updated to ${pinnedWords(g)} (entries +${plus} −${minus}${hPlus + hMinus ? `, host names +${hPlus} −${hMinus}` : ''}; now ${count(g.ranges.length, 'range')})`,
      );
    } else if (JSON.stringify(old.pinned) !== JSON.stringify(g.pinned))
      parts.push(`re-pinned to ${pinnedWords(g)} (same ranges)`);
    if (parts.length)
      out.push({ section, kind: 'changed', text: `${g.name}: ${parts.join('; ')}` });
  }
  for (const [id, g] of before)
    if (!after.has(id))
      out.push({ section, kind: 'removed', text: `stopped whitelisting ${cloudSenderWords(g)}` });
  return out;
}

export function diffPolicies(a: Policy, b: Policy): PolicyChange[] {
  const changes: PolicyChange[] = diffCloudSenders(a.cloudSenders ?? [], b.cloudSenders ?? []);
  for (const s of LIST_SECTIONS) {
    const left = (at(a, s.path) as Record<string, unknown>[] | undefined) ?? [];
    const right = (at(b, s.path) as Record<string, unknown>[] | undefined) ?? [];
    changes.push(...diffKeyed(s.section, s.noun, left.map(entryKeyed), right.map(entryKeyed)));
  }
  changes.push(
    ...diffKeyed('DNS lists', 'list', a.dnsbl.lists.map(listKeyed), b.dnsbl.lists.map(listKeyed)),
  );
  for (const [path, label] of Object.entries(LABELS)) {
    const x = at(a, path.split('.'));
    const y = at(b, path.split('.'));
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      changes.push({
        section: SECTIONS[path.split('.')[0] ?? ''] ?? 'Policy',
        kind: 'changed',
        text: `${label}: ${show(x)} → ${show(y)}`,
      });
    }
  }
  return changes;
}

export function diffSummary(changes: PolicyChange[]): string {
  if (changes.length === 0) return 'No changes.';
  return changes.map((c) => `${c.section}: ${c.text}`).join('\n');
}
