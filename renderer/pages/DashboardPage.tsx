import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { NotYet } from '../components/NotYet';
import { PageHeader } from '../components/PageHeader';

export function DashboardPage() {
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="What your filters rejected, by which rule, and how much of it was wanted."
      />
      <EmptyState
        icon="dashboard"
        title="No server is reporting yet"
        steps={[
          'Add a mail server on the Servers page, by its SSH alias or host name.',
          'mxwarden follows its mail log over SSH and turns every line into an event.',
          'Charts update within a second of a line being logged.',
        ]}
        action={
          <Link className="button button--primary" to="/servers">
            Go to Servers
          </Link>
        }
      >
        <p>
          Live charts will appear here: rejections by reason over time, accepted versus rejected,
          hits per DNS blocklist and their overlap, greylisting delays of mail that did retry, the
          top rejected clients and sender domains, and the false-positive rate of each rule.
        </p>
        <NotYet what="log following and charts." />
      </EmptyState>
    </>
  );
}
