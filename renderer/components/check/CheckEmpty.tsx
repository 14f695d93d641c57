// Before the first check: what will appear, and how to get there.

import { EmptyState } from '../EmptyState';

export function CheckEmpty() {
  return (
    <EmptyState
      icon="check"
      title="Check a client"
      steps={[
        'Enter an IPv4 or IPv6 address or a host name; under “More”, the HELO, sender and recipient it would use.',
        'Choose whose capabilities to judge by: the fleet policy, or one server as last inspected.',
        'Press Enter. Every DNS list answers in parallel and appears as it does; the verdict follows.',
      ]}
    >
      <p>
        Here you will see the verdict first — accept, reject, defer or greylist, with the SMTP reply
        and the rule that decided — then every DNSBL/DNSWL with its return code, weight and timing,
        the score against the threshold, PTR and forward confirmation, SPF, and the full trace from
        postscreen to the policy service.
      </p>
    </EmptyState>
  );
}
