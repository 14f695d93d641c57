import { EmptyState } from '../components/EmptyState';
import { NotYet } from '../components/NotYet';
import { PageHeader } from '../components/PageHeader';

export function ReviewPage() {
  return (
    <>
      <PageHeader
        title="Review"
        description="Wanted mail your filters blocked, with the evidence, and a one-click whitelist."
      />
      <EmptyState
        icon="review"
        title="Nothing to review"
        steps={[
          'Once servers report, every rejected or deferred sender is grouped by organisation, network or provider.',
          'Senders with evidence of being wanted (forward-confirmed rDNS, SPF pass, retries from a provider pool) come first.',
          'Whitelist at the precision you choose, then push to the servers that rejected them.',
        ]}
      >
        <p>
          The review queue will appear here, ordered by how likely each blocked sender was wanted.
        </p>
        <NotYet what="the review queue." />
      </EmptyState>
    </>
  );
}
