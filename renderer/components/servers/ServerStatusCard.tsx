// A server's reachability with the actions that check it: Test connection and Inspect, with
// their live progress. A refused host key is shown here, in red, until it is resolved.

import type { ConnectionTestResult, ServerDetail, ServerProgress } from '../../../core/app/api';
import { Icon } from '../Icon';
import { Card } from './Card';
import { HostKeyRefusal } from './HostKeyRefusal';
import { ProgressLine } from './ProgressLine';
import { isHostKeyRefusal } from './server-text';
import { Spinner } from './Spinner';
import { StatusBadge } from './StatusBadge';
import { TimeAgo } from './TimeAgo';
import type { FlowOperation, Refusal } from './use-connect-flow';

export interface ServerStatusCardProps {
  server: ServerDetail;
  progress: ServerProgress | undefined;
  running: FlowOperation | undefined;
  refusal: Refusal | undefined;
  lastTest: ConnectionTestResult | undefined;
  onTest: () => void;
  onInspect: () => void;
}

export function ServerStatusCard(p: ServerStatusCardProps) {
  const { status } = p.server;
  const busy = p.running !== undefined;
  return (
    <Card
      title="Status"
      testId="status-card"
      actions={
        <>
          <button type="button" className="button" onClick={p.onTest} disabled={busy}>
            {p.running === 'test' ? <Spinner /> : <Icon name="plug" size={14} />}
            {p.running === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" className="button" onClick={p.onInspect} disabled={busy}>
            {p.running === 'inspect' ? <Spinner /> : <Icon name="refresh" size={14} />}
            {p.running === 'inspect' ? 'Inspecting…' : 'Inspect'}
          </button>
        </>
      }
    >
      <div className="status-line">
        {p.progress && (p.progress.state === 'running' || p.progress.state === 'queued') ? (
          <ProgressLine progress={p.progress} />
        ) : (
          <StatusBadge status={status} />
        )}
        {status && (
          <span className="muted">
            checked <TimeAgo at={status.checkedAt} inline />
          </span>
        )}
      </div>
      {status && !status.ok && !isHostKeyRefusal(status.code) && status.message && (
        <p className="callout callout--error verbatim" data-testid="status-message">
          {status.message}
        </p>
      )}
      {status && isHostKeyRefusal(status.code) && (
        <HostKeyRefusal
          name={p.server.name}
          code={status.code}
          message={p.refusal?.error.message ?? status.message ?? ''}
          openssh={
            p.refusal?.openssh ?? (status.detail as { openssh?: string } | undefined)?.openssh
          }
        />
      )}
      {!status && (
        <p className="muted">
          Not tested yet. Test connection checks the host key, the login and the rights.
        </p>
      )}
      <dl className="facts facts--plain">
        {status?.fingerprint && (
          <>
            {/* After a failure this is the key the server presented, not necessarily the pinned one. */}
            <dt>{status.ok ? 'Pinned host key' : 'Key presented'}</dt>
            <dd>
              <code data-testid="status-fingerprint">{status.fingerprint}</code>
            </dd>
          </>
        )}
        {p.lastTest && (
          <>
            <dt>Last test</dt>
            <dd>
              logged in as <span className="verbatim">{p.lastTest.privilege.user}</span> (
              {p.lastTest.privilege.mode}) in {(p.lastTest.durationMs / 1000).toFixed(1)} s
            </dd>
          </>
        )}
      </dl>
    </Card>
  );
}
