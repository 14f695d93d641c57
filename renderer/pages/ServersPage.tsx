import { EmptyState } from '../components/EmptyState';
import { NotYet } from '../components/NotYet';
import { PageHeader } from '../components/PageHeader';

export function ServersPage() {
  return (
    <>
      <PageHeader
        title="Servers"
        description="The Postfix servers mxwarden manages, reached over SSH the way ssh(1) reaches them."
      />
      <EmptyState
        icon="servers"
        title="No servers yet"
        steps={[
          'Add a server by an alias from ~/.ssh/config, or by host, port, user and key.',
          'Confirm its host key fingerprint on first contact (it is pinned afterwards).',
          'mxwarden inspects it: Postfix version, postscreen, postgrey, current RBLs, log source, sudo rights.',
        ]}
      >
        <p>
          Your servers will be listed here with their reachability, Postfix version and last
          inspection.
        </p>
        <NotYet what="adding and inspecting servers." />
      </EmptyState>
    </>
  );
}
