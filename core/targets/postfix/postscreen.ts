// Where postscreen's lines are written: its access list, its weighted DNS lists, thresholds and
// the pregreet test. Postfix 3.6 renamed whitelist/blacklist to allowlist/denylist: the names
// follow the server's version. Runtime: pure.

import type { Policy } from '../../policy/schema';
import { atLeast } from '../target';
import { addClients, tableSet } from './client-tables';
import type { CompileContext } from './compile-context';

export function compilePostscreen(c: CompileContext, policy: Policy): void {
  const modern = atLeast(c.target.postfixVersion, 3, 6);
  const set = tableSet((kind) => c.header(`postscreen access list: ${kind}`));
  // postscreen knows no host names: only addresses and networks can be listed here.
  const denyProblems = addClients(set, policy.clients.deny, 'reject', { addressesOnly: true });
  const skipping = policy.clients.allow.filter((e) =>
    ['all', 'postscreen', 'dnsbl'].includes(e.scope ?? 'all'),
  );
  const allowProblems = addClients(set, skipping, 'permit', { addressesOnly: true });
  for (const p of allowProblems) {
    c.notes.push(
      `postscreen cannot allowlist ${p.value} (${p.why}); smtpd's client access still applies to it.`,
    );
  }
  for (const p of denyProblems)
    c.notes.push(
      `postscreen cannot denylist ${p.value} (${p.why}); smtpd's client access rejects it instead.`,
    );
  const access = c.table('cidr', 'postscreen_access.cidr', set.cidr);
  c.set('postscreen_access_list', ['permit_mynetworks', ...(access ? [access] : [])].join(', '));
  c.set(modern ? 'postscreen_denylist_action' : 'postscreen_blacklist_action', 'enforce');

  const sites = policy.dnsbl.lists
    .filter((l) => l.enabled)
    .map((l) => `${l.zone}${l.filter ? `=${l.filter}` : ''}*${l.dryRun ? 0 : l.weight}`);
  if (policy.dnsbl.lists.some((l) => l.enabled && l.dryRun)) {
    c.notes.push(
      'Dry-run DNS lists are queried with weight 0: postscreen logs their hits without counting them.',
    );
  }
  c.set('postscreen_dnsbl_sites', sites.join(', '));
  c.set('postscreen_dnsbl_threshold', String(policy.dnsbl.threshold));
  c.set(
    modern ? 'postscreen_dnsbl_allowlist_threshold' : 'postscreen_dnsbl_whitelist_threshold',
    String(policy.dnsbl.allowlistThreshold),
  );
  c.set('postscreen_dnsbl_action', 'enforce');

  const et = policy.earlyTalker;
  c.set('postscreen_greet_wait', `${et.greetWaitSeconds}s`);
  c.set('postscreen_greet_action', et.enabled ? et.action : 'ignore');
}
