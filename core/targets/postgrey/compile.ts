// postgrey's share of the policy: whitelist_clients / whitelist_recipients files in the form
// postgrey reads, and its options (delay, max-age, retry window, auto-whitelist, per host or per
// network). What postgrey cannot do is said for this server. Runtime: pure.

import { parseClientPattern } from '../../policy/client-match';
import type { Policy } from '../../policy/schema';
import type { CompileContext } from '../postfix/compile-context';

/** postgrey's whitelist_clients line for a client entry (it has its own syntax). */
function clientLine(value: string): string | undefined {
  const p = parseClientPattern(value);
  if (!p.ok) return undefined;
  switch (p.pattern.kind) {
    case 'ip':
      return p.pattern.address;
    case 'cidr':
      return `${p.pattern.network}/${p.pattern.prefix}`;
    case 'domain':
      return p.pattern.domain;
    case 'regex':
      return `/${p.pattern.source}/`;
  }
}

export function compilePostgrey(
  c: CompileContext,
  policy: Policy,
  service: string,
): { service: string; options: string[] } {
  const g = policy.greylisting;
  const exempt = [
    ...g.exceptions.clients,
    ...policy.clients.allow.filter((e) => e.scope === 'greylisting'),
  ];
  const lines: string[] = [];
  for (const e of exempt) {
    const line = clientLine(e.value);
    if (line) lines.push(line);
  }
  const clientFile = `${c.dir}/postgrey_whitelist_clients`;
  c.files.push({
    path: clientFile,
    content: `${c.header('postgrey whitelist_clients: clients exempt from greylisting')}${lines.map((l) => `${l}\n`).join('')}`,
    mode: 0o644,
    readBy: 'postgrey',
  });

  const recipientFile = `${c.dir}/postgrey_whitelist_recipients`;
  c.files.push({
    path: recipientFile,
    content: `${c.header('postgrey whitelist_recipients: recipients exempt from greylisting')}${g.exceptions.recipients.map((r) => `${r.value}\n`).join('')}`,
    mode: 0o644,
    readBy: 'postgrey',
  });

  if (g.exceptions.spfValidatedSenders.length) {
    c.cannot(
      'greylisting.exceptions.spfValidatedSenders',
      `exempting senders whose SPF passes needs mxwarden's policy service; postgrey on ${c.target.name} cannot check SPF.`,
    );
  }
  if (g.applyTo !== 'all') {
    c.cannot(
      'greylisting.applyTo',
      `greylisting only ${g.applyTo === 'no-rdns' ? 'clients without reverse DNS' : 'listed clients'} needs mxwarden's policy service; postgrey greylists every client.`,
    );
  }
  const n = g.normalizeSender;
  if (!n.batv || !n.plusExtension || !n.verpDigits) {
    c.cannot(
      'greylisting.normalizeSender',
      "postgrey always strips BATV tags, +extensions and VERP numbers; turning them off needs mxwarden's policy service.",
    );
  }

  const options = [
    `--delay=${g.delaySeconds}`,
    `--max-age=${g.maxAgeDays}`,
    `--retry-window=${g.retryWindowHours}h`,
    `--auto-whitelist-clients=${g.autoWhitelistAfter}`,
    ...(g.perHost
      ? ['--lookup-by-host']
      : ['--lookup-by-subnet', `--ipv4cidr=${g.ipv4Prefix}`, `--ipv6cidr=${g.ipv6Prefix}`]),
    // Only mxwarden's lists: postgrey's shipped ones (postmaster@ and abuse@, a list of big
    // senders' hosts) would exempt clients and recipients the policy — and so the engine's
    // verdict — knows nothing of. The templates exempt postmaster@ and abuse@ themselves.
    `--whitelist-clients=${clientFile}`,
    `--whitelist-recipients=${recipientFile}`,
  ];
  c.notes.push(
    "postgrey reads only mxwarden's exception lists, not its shipped whitelist_clients / whitelist_recipients: the policy's exceptions and exempt recipients are the whole list.",
  );
  return { service, options };
}
