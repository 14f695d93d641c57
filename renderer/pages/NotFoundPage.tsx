import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState';

export function NotFoundPage() {
  return (
    <EmptyState
      icon="alert"
      title="No such page"
      action={
        <Link className="button button--primary" to="/dashboard">
          Go to the dashboard
        </Link>
      }
    >
      <p>This address does not name a page of mxwarden.</p>
    </EmptyState>
  );
}
