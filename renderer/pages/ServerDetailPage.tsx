// One server: its status and the actions that check it, its settings, its last inspection.

import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ConnectionTestResult, ServerDetail } from '../../core/app/api';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { DriftCard } from '../components/push/DriftCard';
import { PushHistoryCard } from '../components/push/PushHistoryCard';
import { Card } from '../components/servers/Card';
import { ConnectFlowDialogs } from '../components/servers/ConnectFlowDialogs';
import { EditServerForm } from '../components/servers/EditServerForm';
import { flowNotices } from '../components/servers/flow-report';
import { InspectionView } from '../components/servers/InspectionView';
import { PrivilegesCard } from '../components/servers/PrivilegesCard';
import { RemoveServerDialog } from '../components/servers/RemoveServerDialog';
import { ResolvedTarget } from '../components/servers/ResolvedTarget';
import { targetText } from '../components/servers/server-text';
import { ServerStatusCard } from '../components/servers/ServerStatusCard';
import { TagChips } from '../components/servers/TagChips';
import { useConnectFlow, type FlowOperation } from '../components/servers/use-connect-flow';
import { useServerProgress } from '../components/servers/use-server-progress';
import { useEvent, useQuery } from '../state/api-context';
import { useNotifications } from '../state/notifications';

function BackLink() {
  return (
    <Link to="/servers" className="back-link">
      ← All servers
    </Link>
  );
}

function Missing({ message }: { message: string }) {
  return (
    <>
      <BackLink />
      <PageHeader title="Server not found" />
      <p className="callout callout--error" role="alert">
        {message}
      </p>
    </>
  );
}

export function ServerDetailPage() {
  const { id: param } = useParams();
  const id = Number(param);
  if (!Number.isInteger(id) || id <= 0)
    return <Missing message={`“${param ?? ''}” is not a server id.`} />;
  // Keyed so moving from one server to another starts with fresh state.
  return <ServerDetail key={id} id={id} />;
}

function ServerDetail({ id }: { id: number }) {
  const [refresh, setRefresh] = useState(0);
  const { data: server, error } = useQuery('servers.get', [{ id }], refresh);
  useEvent('servers.changed', ({ ids }) => {
    if (ids.includes(id)) setRefresh((n) => n + 1);
  });
  if (error?.code === 'NOT_FOUND') return <Missing message={error.message} />;
  if (!server) {
    return error ? (
      <Missing message={`Could not load the server: ${error.message}`} />
    ) : (
      <p aria-busy="true">Loading…</p>
    );
  }
  return <ServerView server={server} />;
}

function ServerView({ server }: { server: ServerDetail }) {
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const flow = useConnectFlow();
  const progress = useServerProgress();
  const [removing, setRemoving] = useState(false);
  const [lastTest, setLastTest] = useState<ConnectionTestResult>();
  const me = [{ id: server.id, name: server.name }];

  const start = async (operation: FlowOperation) => {
    const result = await flow.run(operation, me);
    setLastTest(result.tested.get(server.id));
    // Failures are on the page already (status, refusal); only say what worked.
    flowNotices(operation, me, { ...result, failed: new Map() }).forEach(notify);
  };

  const inspection = server.lastInspection;
  return (
    <div className="server-page">
      <BackLink />
      <PageHeader
        title={server.name}
        description={
          <span className="server-page__summary">
            <code className="verbatim">{targetText(server.target)}</code>
            {server.tags.length > 0 && <TagChips tags={server.tags} />}
          </span>
        }
        actions={
          <button
            type="button"
            className="button button--danger-outline"
            onClick={() => setRemoving(true)}
          >
            Remove…
          </button>
        }
      />
      <ServerStatusCard
        server={server}
        progress={progress.get(server.id)}
        running={flow.running.get(server.id)}
        refusal={flow.refusals.find((r) => r.server.id === server.id)}
        lastTest={lastTest}
        onTest={() => void start('test')}
        onInspect={() => void start('inspect')}
      />
      <h2 className="section-title">Last inspection</h2>
      {inspection ? (
        <InspectionView inspection={inspection} />
      ) : (
        <>
          {lastTest && <PrivilegesCard privilege={lastTest.privilege} />}
          <EmptyState
            icon="servers"
            title="Not inspected yet"
            steps={[
              'Inspect reads the server’s configuration over SSH; it changes nothing.',
              'It finds the Postfix version, its listeners, postscreen and its DNS lists, the restriction lists, postgrey, the mail log and the rights of the SSH user.',
            ]}
            action={
              <button
                type="button"
                className="button button--primary"
                onClick={() => void start('inspect')}
                disabled={flow.running.has(server.id)}
              >
                <Icon name="refresh" size={14} /> Inspect now
              </button>
            }
          >
            <p>What this server runs and how it filters mail will be shown here.</p>
          </EmptyState>
        </>
      )}
      <h2 className="section-title">Pushes and drift</h2>
      <PushHistoryCard serverId={server.id} serverName={server.name} />
      <DriftCard
        serverId={server.id}
        serverName={server.name}
        {...(inspection ? { inspectedAt: inspection.at } : {})}
      />
      <h2 className="section-title">Settings</h2>
      <div className="card-grid card-grid--settings">
        <Card title="Connection settings">
          <EditServerForm
            key={server.updatedAt}
            server={server}
            onConnectionChanged={() => void start('test')}
          />
        </Card>
        <div className="stack-gap">
          <Card title="Resolved target">
            <ResolvedTarget target={server.target} />
          </Card>
          {server.notes && (
            <Card title="Notes">
              <p className="notes verbatim">{server.notes}</p>
            </Card>
          )}
        </div>
      </div>
      {removing && (
        <RemoveServerDialog
          server={server}
          onCancel={() => setRemoving(false)}
          onRemoved={() => {
            notify({ kind: 'success', title: `Removed ${server.name}` });
            void navigate('/servers');
          }}
        />
      )}
      <ConnectFlowDialogs flow={flow} />
    </div>
  );
}
