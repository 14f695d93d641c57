// The draft and everything derived from it: whether it has unsaved changes, its problems (the
// schema's own checks, worded by line), and the edit operations. The saved policy is loaded on
// mount and again whenever a policy.* action reaches the audit log (a save here, in the CLI or
// in another window).

import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import type { Policy } from '../../../core/app/api';
import { diffPolicies, type PolicyChange } from '../../../core/policy/diff';
import { useEvent, useQuery } from '../../state/api-context';
import { draftStore, type DraftState } from './draft-store';
import { findIssues, type PolicyIssue } from './policy-issues';
import { canonical, setAt, type PolicyPath } from './policy-path';

const same = (a: Policy, b: Policy): boolean => a === b || canonical(a) === canonical(b);

export interface PolicyDraft extends DraftState {
  loadError?: string;
  dirty: boolean;
  /** Problems of the draft as it is now (deferred: a keystroke never waits for them). */
  issues: PolicyIssue[];
  /** What the draft changes, in words, against the saved policy. */
  changes: PolicyChange[];
  setField: (path: PolicyPath, value: unknown) => void;
  edit: (change: (draft: Policy) => Policy) => void;
  reload: () => void;
}

export function usePolicyDraft(): PolicyDraft {
  const state = useSyncExternalStore(draftStore.subscribe, draftStore.get);
  const [refresh, setRefresh] = useState(0);
  const { data, error } = useQuery('policy.current', [], refresh);
  useEvent('audit.appended', (entry) => {
    if (entry.action.startsWith('policy.')) setRefresh((n) => n + 1);
  });
  // Versions saved by other actions (whitelisting a cloud sender on the Senders page, the schedule).
  useEvent('policy.changed', () => setRefresh((n) => n + 1));
  useEffect(() => {
    if (data) draftStore.loaded(data, same);
  }, [data]);

  const { draft, base } = state;
  const dirty = useMemo(() => !!draft && !!base && !same(draft, base.policy), [draft, base]);
  const deferred = useDeferredValue(draft);
  const issues = useMemo(() => (deferred ? findIssues(deferred) : []), [deferred]);
  const changes = useMemo(
    () => (deferred && base && dirty ? diffPolicies(base.policy, deferred) : []),
    [deferred, base, dirty],
  );
  const setField = useCallback(
    (path: PolicyPath, value: unknown) => draftStore.edit((d) => setAt(d, path, value)),
    [],
  );
  const reload = useCallback(() => setRefresh((n) => n + 1), []);

  return {
    ...state,
    ...(error && !base ? { loadError: error.message } : {}),
    dirty,
    issues,
    changes,
    setField,
    edit: draftStore.edit,
    reload,
  };
}
