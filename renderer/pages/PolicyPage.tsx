import { EmptyState } from '../components/EmptyState';
import { NotYet } from '../components/NotYet';
import { PageHeader } from '../components/PageHeader';

export function PolicyPage() {
  return (
    <>
      <PageHeader
        title="Policy"
        description="One policy for the fleet: allow and deny lists, greylisting, DNS blocklists, HELO and reverse-DNS checks."
      />
      <EmptyState
        icon="policy"
        title="No policy yet"
        steps={[
          'Start from a server you already run (its main.cf, maps and postgrey lists are imported), from a template (conservative, balanced, strict), or from empty.',
          'Edit lists and checks; every save is a version with a message and a diff in words.',
          'Preview the exact Postfix files each server would get before anything is pushed.',
        ]}
      >
        <p>
          The policy editor will appear here, with inline validation, version history and a
          per-server preview.
        </p>
        <NotYet what="the policy editor." />
      </EmptyState>
    </>
  );
}
