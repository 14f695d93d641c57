import { EmptyState } from '../components/EmptyState';
import { NotYet } from '../components/NotYet';
import { PageHeader } from '../components/PageHeader';

export function SendersPage() {
  return (
    <>
      <PageHeader
        title="Senders"
        description="Large cloud senders (Google, Microsoft, Amazon SES, …) whose retries come from pools of addresses."
      />
      <EmptyState
        icon="senders"
        title="No provider catalog loaded"
        steps={[
          'mxwarden ships a dated snapshot of each provider’s published ranges, and refreshes them from live SPF records.',
          'One click exempts a provider from greylisting (or from postscreen’s tests, or from all checks).',
          'When a whitelisted provider’s ranges change, you see the diff and push it.',
        ]}
      >
        <p>
          The provider catalog will appear here with range counts, last refresh and whitelist
          status.
        </p>
        <NotYet what="the cloud sender catalog." />
      </EmptyState>
    </>
  );
}
