// The managed servers: the list with live status and progress, adding one, inspecting all.

import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { ServerSummary } from '../../core/app/api';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { usePushLauncher } from '../components/push/push-launcher';
import { AddServerDialog } from '../components/servers/AddServerDialog';
import { ConnectFlowDialogs } from '../components/servers/ConnectFlowDialogs';
import { flowNotices } from '../components/servers/flow-report';
import { HostKeyRefusal } from '../components/servers/HostKeyRefusal';
import { allTags, hasTags, matchesSearch } from '../components/servers/server-filter';
import { ServerFilters } from '../components/servers/ServerFilters';
import { ServersTable } from '../components/servers/ServersTable';
import { Spinner } from '../components/servers/Spinner';
import {
  useConnectFlow,
  type FlowOperation,
  type FlowTarget,
} from '../components/servers/use-connect-flow';
import { useServerProgress } from '../components/servers/use-server-progress';
import { useEvent, useQuery } from '../state/api-context';
import { useNotifications } from '../state/notifications';

const DESCRIPTION =
  'The Postfix servers mxwarden manages, reached over SSH the way ssh(1) reaches them.';

function AddButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="button button--primary" onClick={onClick}>
      <Icon name="servers" size={14} /> Add server
    </button>
  );
}

export function ServersPage() {
  const navigate = useNavigate();
  const launchPush = usePushLauncher();
  const { notify } = useNotifications();
  // The filter lives in the address, so coming back from a server's page keeps it.
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const selectedTags = params.getAll('tag');
  const [refresh, setRefresh] = useState(0);
  const { data: servers, error } = useQuery('servers.list', [], refresh);
  const [adding, setAdding] = useState(false);
  const progress = useServerProgress();
  const flow = useConnectFlow();
  useEvent('servers.changed', () => setRefresh((n) => n + 1));

  const all = useMemo(() => servers ?? [], [servers]);
  const tags = useMemo(() => allTags(all), [all]);
  const shown = all.filter((s) => matchesSearch(s, search) && hasTags(s, selectedTags));

  const setFilter = (q: string, tagList: string[]) =>
    setParams(
      () => {
        const next = new URLSearchParams();
        if (q) next.set('q', q);
        tagList.forEach((t) => next.append('tag', t));
        return next;
      },
      { replace: true },
    );
  const toggleTag = (tag: string) =>
    setFilter(
      search,
      selectedTags.includes(tag) ? selectedTags.filter((t) => t !== tag) : [...selectedTags, tag],
    );

  const start = async (operation: FlowOperation, targets: FlowTarget[]) => {
    const result = await flow.run(operation, targets);
    flowNotices(operation, targets, result).forEach(notify);
  };

  const added = (server: ServerSummary) => {
    setAdding(false);
    // The row shows the test's progress; its result arrives as a notification.
    void start('test', [{ id: server.id, name: server.name }]);
  };

  const inspecting = [...flow.running.values()].includes('inspect');
  const open = (s: ServerSummary) => void navigate(`/servers/${s.id}`);

  return (
    <>
      <PageHeader
        title="Servers"
        description={DESCRIPTION}
        actions={
          <>
            <button
              type="button"
              className="button"
              disabled={all.length === 0 || inspecting}
              onClick={() =>
                void start(
                  'inspect',
                  all.map((s) => ({ id: s.id, name: s.name })),
                )
              }
              title="Read each server's Postfix, postscreen, postgrey, RBL and log settings (read-only)"
            >
              {inspecting ? <Spinner /> : <Icon name="refresh" size={14} />}
              {inspecting ? 'Inspecting…' : 'Inspect all'}
            </button>
            <button
              type="button"
              className="button"
              disabled={all.length === 0}
              onClick={() => launchPush({ all: true })}
              title="Push the saved policy: review the changes per server first"
            >
              <Icon name="policy" size={14} /> Push…
            </button>
            <AddButton onClick={() => setAdding(true)} />
          </>
        }
      />
      {error && (
        <p className="callout callout--error" role="alert">
          Could not load the servers: {error.message}
        </p>
      )}
      {flow.refusals.map((r) => (
        <HostKeyRefusal
          key={r.server.id}
          name={r.server.name}
          code={r.error.code}
          message={r.error.message}
          openssh={r.openssh}
          onDismiss={() => flow.dismissRefusal(r.server.id)}
        />
      ))}
      {!servers && !error && <p aria-busy="true">Loading servers…</p>}
      {servers && all.length === 0 && (
        <EmptyState
          icon="servers"
          title="No servers yet"
          steps={[
            'Add a server by an alias from your ~/.ssh/config, or by host, port, user and key.',
            'Confirm its host key fingerprint on first contact (it is pinned afterwards).',
            'mxwarden inspects it: Postfix version, postscreen, postgrey, current RBLs, log source, sudo rights.',
          ]}
          action={<AddButton onClick={() => setAdding(true)} />}
        >
          <p>
            Your servers will be listed here with their reachability, Postfix version, filtering and
            last inspection.
          </p>
        </EmptyState>
      )}
      {all.length > 0 && (
        <>
          <ServerFilters
            search={search}
            onSearch={(q) => setFilter(q, selectedTags)}
            tags={tags}
            selected={selectedTags}
            onToggleTag={toggleTag}
            shown={shown.length}
            total={all.length}
          />
          <ServersTable
            servers={shown}
            progress={progress}
            running={flow.running}
            onOpen={open}
            empty="No server matches the filter. Press Escape in the filter box to clear it."
          />
        </>
      )}
      {adding && <AddServerDialog onCancel={() => setAdding(false)} onAdded={added} />}
      <ConnectFlowDialogs flow={flow} />
    </>
  );
}
