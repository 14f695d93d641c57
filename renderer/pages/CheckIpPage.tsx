import { EmptyState } from '../components/EmptyState';
import { NotYet } from '../components/NotYet';
import { PageHeader } from '../components/PageHeader';

export function CheckIpPage() {
  return (
    <>
      <PageHeader
        title="Check IP"
        description="What would your servers do with this client, and why."
      />
      <EmptyState
        icon="check"
        title="Check a client"
        steps={[
          'Enter an IPv4 or IPv6 address or a host name, optionally a HELO, sender and recipient.',
          'Every configured blocklist answers in parallel, with its return code, weight and timing.',
          'The verdict shows the SMTP reply and the rule that decided it.',
        ]}
      >
        <p>
          Results will stream in here: DNSBL/DNSWL answers, the score against the threshold, PTR and
          forward confirmation, SPF, and the verdict with its trace.
        </p>
        <NotYet what="the filtering engine behind Check IP." />
      </EmptyState>
    </>
  );
}
