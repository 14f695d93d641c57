// The diff in words between any two versions, or between a version and the draft.

import { useId } from 'react';
import type { Policy, PolicyRef, PolicyVersionInfo } from '../../../core/app/api';
import { useQuery } from '../../state/api-context';
import { Spinner } from '../servers/Spinner';
import { ChangeList } from './ChangeList';

/** 'v:12' or 'draft'. */
export type Side = string;

const ref = (side: Side, draft: Policy | undefined): PolicyRef | undefined =>
  side === 'draft'
    ? draft && { policy: draft }
    : side.startsWith('v:')
      ? { versionId: Number(side.slice(2)) }
      : undefined;

function SidePicker({
  id,
  label,
  value,
  versions,
  withDraft,
  onChange,
}: {
  id: string;
  label: string;
  value: Side;
  versions: PolicyVersionInfo[];
  withDraft: boolean;
  onChange: (side: Side) => void;
}) {
  return (
    <label htmlFor={id} className="compare__side">
      <span>{label}</span>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {withDraft && <option value="draft">your draft (unsaved)</option>}
        {versions.map((v) => (
          <option key={v.id} value={`v:${v.id}`}>
            v{v.id} — {v.message.length > 50 ? `${v.message.slice(0, 50)}…` : v.message}
          </option>
        ))}
      </select>
    </label>
  );
}

function Diff({ from, to }: { from: PolicyRef; to: PolicyRef }) {
  const { data, error, loading } = useQuery('policy.diff', [{ from, to }]);
  if (error && !loading)
    return (
      <p className="callout callout--error" role="alert">
        Could not compare: {error.message}
      </p>
    );
  if (!data)
    return (
      <p className="muted">
        <Spinner /> Comparing…
      </p>
    );
  return <ChangeList changes={data} />;
}

export function CompareVersions({
  versions,
  from,
  to,
  draft,
  dirty,
  onChange,
}: {
  versions: PolicyVersionInfo[];
  from: Side;
  to: Side;
  draft: Policy | undefined;
  dirty: boolean;
  onChange: (from: Side, to: Side) => void;
}) {
  const id = useId();
  const a = ref(from, draft);
  const b = ref(to, draft);
  return (
    <div className="policy-compare" data-testid="compare">
      <div className="compare__pickers">
        <SidePicker
          id={`${id}-from`}
          label="From"
          value={from}
          versions={versions}
          withDraft={false}
          onChange={(s) => onChange(s, to)}
        />
        <span aria-hidden="true">→</span>
        <SidePicker
          id={`${id}-to`}
          label="To"
          value={to}
          versions={versions}
          withDraft={dirty}
          onChange={(s) => onChange(from, s)}
        />
      </div>
      {a && b ? (
        from === to ? (
          <p className="muted">The same version on both sides.</p>
        ) : (
          <Diff from={a} to={b} />
        )
      ) : (
        <p className="muted">The first version: there is nothing before it to compare with.</p>
      )}
    </div>
  );
}
