// Preview: exactly what a server would receive from the draft — compiled for what it runs (from
// its last inspection) and set beside what it has now, read over SSH. Without a server, the
// draft compiles for a named profile. Nothing is pushed from here.

import { useId, useState } from 'react';
import type {
  ApiError,
  CompiledConfig,
  Policy,
  PolicyPreview,
  ServerSummary,
} from '../../../core/app/api';
import { useApi, useQuery } from '../../state/api-context';
import { Icon } from '../Icon';
import { Card } from '../servers/Card';
import { Spinner } from '../servers/Spinner';
import { CompiledResult } from './CompiledResult';
import { DraftCheck } from './DraftCheck';
import { IssueList } from './IssueList';
import type { PolicyIssue } from './policy-issues';
import { canonical } from './policy-path';
import { PreviewResult } from './PreviewResult';
import { ServerErrorNote } from './ServerErrorNote';
import { parseTarget, PROFILES, targetValue, type PreviewTarget } from './preview-targets';

interface Run {
  target: PreviewTarget;
  draftKey: string;
  busy: boolean;
  preview?: PolicyPreview;
  compiled?: CompiledConfig;
  error?: ApiError;
}

const firstInspected = (servers: ServerSummary[] | undefined): PreviewTarget =>
  servers?.find((s) => s.inspection)
    ? { kind: 'server', id: servers.find((s) => s.inspection)?.id ?? 0 }
    : { kind: 'profile', name: 'postfix-postscreen-postgrey' };

export function PreviewSection({
  draft,
  issues,
  dirty,
  onJump,
}: {
  draft: Policy;
  issues: PolicyIssue[];
  dirty: boolean;
  onJump: (issue: PolicyIssue) => void;
}) {
  const api = useApi();
  const id = useId();
  const { data: servers } = useQuery('servers.list', []);
  const [picked, setPicked] = useState<PreviewTarget>();
  const [run, setRun] = useState<Run>();
  const target = picked ?? firstInspected(servers);
  const server = target.kind === 'server' ? servers?.find((s) => s.id === target.id) : undefined;

  const start = async (t: PreviewTarget) => {
    if (issues.length) return;
    const draftKey = canonical(draft);
    setRun({ target: t, draftKey, busy: true });
    const policy = { policy: draft };
    if (t.kind === 'server') {
      const r = await api.call('policy.preview', { policy, serverId: t.id });
      setRun((cur) =>
        cur?.draftKey === draftKey && cur.target === t
          ? r.ok
            ? { ...cur, busy: false, preview: r.value }
            : { ...cur, busy: false, error: r.error }
          : cur,
      );
    } else {
      const r = await api.call('policy.compile', { policy, profile: t.name });
      setRun((cur) =>
        cur?.draftKey === draftKey && cur.target === t
          ? r.ok
            ? { ...cur, busy: false, compiled: r.value }
            : { ...cur, busy: false, error: r.error }
          : cur,
      );
    }
  };

  const stale = run && !run.busy && run.draftKey !== canonical(draft);
  const runFor = run && targetValue(run.target) === targetValue(target) ? run : undefined;

  return (
    <div className="preview-section">
      <p className="callout preview-note">
        <Icon name="about" size={16} /> A preview of your {dirty ? 'unsaved draft' : 'policy'}: the
        exact files and settings a push would write. Nothing is pushed from here: save, then use
        Push… to review and send it to servers.
      </p>
      <Card title="Compile for">
        <div className="preview-pick">
          <label htmlFor={`${id}-target`}>Server or profile</label>
          <select
            id={`${id}-target`}
            value={targetValue(target)}
            data-testid="preview-target"
            onChange={(e) => {
              const t = parseTarget(e.target.value);
              if (!t) return;
              setPicked(t);
              void start(t);
            }}
          >
            <optgroup label="Servers (from their last inspection)">
              {(servers ?? []).map((s) => (
                <option key={s.id} value={`s:${s.id}`} disabled={!s.inspection}>
                  {s.name}
                  {s.inspection ? '' : ' — not inspected yet'}
                </option>
              ))}
            </optgroup>
            <optgroup label="No server: a profile">
              {Object.entries(PROFILES).map(([name, label]) => (
                <option key={name} value={`p:${name}`}>
                  {label}
                </option>
              ))}
            </optgroup>
          </select>
          <button
            type="button"
            className="button button--primary"
            disabled={issues.length > 0 || runFor?.busy}
            onClick={() => void start(target)}
          >
            {runFor?.busy ? <Spinner /> : <Icon name="refresh" size={14} />}
            {target.kind === 'server' ? 'Preview' : 'Compile'}
          </button>
        </div>
        {servers && servers.some((s) => !s.inspection) && (
          <p className="pfield__hint">
            A server is compiled for what it runs, so it must have been inspected (Servers →
            Inspect).
          </p>
        )}
        {issues.length > 0 && (
          <div className="callout callout--error" role="alert">
            <p>The draft has problems; fix them to preview it:</p>
            <IssueList issues={issues} onJump={onJump} />
          </div>
        )}
      </Card>
      {runFor?.busy && (
        <p role="status" className="muted">
          <Spinner />{' '}
          {target.kind === 'server'
            ? `Reading ${server?.name ?? 'the server'}’s files over SSH and compiling…`
            : 'Compiling…'}
        </p>
      )}
      {runFor?.error && (
        <ServerErrorNote
          error={runFor.error}
          {...(runFor.target.kind === 'server'
            ? { serverId: runFor.target.id, serverName: server?.name }
            : {})}
        />
      )}
      {stale && runFor && (
        <p className="callout callout--warning" role="status">
          The draft changed since this preview.{' '}
          <button type="button" className="link-button" onClick={() => void start(target)}>
            Preview again
          </button>
        </p>
      )}
      {runFor?.preview && (
        <>
          <h2 className="section-title">
            What <span className="verbatim">{runFor.preview.serverName}</span> would get
          </h2>
          <PreviewResult preview={runFor.preview} />
        </>
      )}
      {runFor?.compiled && (
        <>
          <h2 className="section-title">
            Compiled for{' '}
            {PROFILES[runFor.target.kind === 'profile' ? runFor.target.name : 'postfix']}
          </h2>
          <CompiledResult compiled={runFor.compiled} />
        </>
      )}
      <DraftCheck draft={draft} valid={issues.length === 0} server={server} dirty={dirty} />
    </div>
  );
}
