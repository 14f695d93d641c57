// What the target cannot express — shown first and in the danger colour: these parts of the
// policy would silently not apply on that server otherwise.

import type { Unsupported } from '../../../core/app/api';
import { Icon } from '../Icon';
import { describePath } from '../../../core/policy/messages';

const SECTIONS: Record<string, string> = {
  earlyTalker: 'Early talkers',
  greylisting: 'Greylisting',
  dnsbl: 'DNS lists',
  helo: 'HELO checks',
  rdns: 'Reverse DNS',
  spf: 'SPF',
  quotas: 'Quotas',
  reoffenders: 'Reoffenders',
  clients: 'Client lists',
  senders: 'Sender lists',
  recipients: 'Recipients exempt from filtering',
};

/** "greylisting delay (seconds)" where core has words for the rule, a section name otherwise. */
function RuleName({ rule }: { rule: string }) {
  const words = describePath(rule.split('.'));
  if (words !== rule) return <strong>{words}</strong>;
  const section = SECTIONS[rule];
  return section ? <strong>{section}</strong> : <code>{rule}</code>;
}

export function UnsupportedCallout({ items, target }: { items: Unsupported[]; target: string }) {
  if (items.length === 0)
    return (
      <p className="callout callout--ok" data-testid="unsupported-none">
        <Icon name="ok" size={16} /> <span className="verbatim">{target}</span> can express every
        part of this policy.
      </p>
    );
  return (
    <section
      className="callout callout--error unsupported"
      aria-label="Cannot be expressed"
      data-testid="unsupported"
    >
      <h3>
        <Icon name="alert" size={16} /> <span className="verbatim">{target}</span> cannot express{' '}
        {items.length === 1 ? 'one part' : `${items.length} parts`} of this policy
      </h3>
      <p>These rules will not act there; change the policy or what the server runs.</p>
      <ul>
        {items.map((u, i) => (
          <li key={i}>
            <RuleName rule={u.rule} />: <span className="verbatim">{u.message}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
