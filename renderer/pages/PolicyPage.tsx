// The Policy page: one policy for the fleet, edited as a draft and saved as versions. Lists and
// forms validate inline with the policy's own schema; Preview shows exactly what a server would
// get; History compares and reverts versions; Start from imports a server or a template. The
// draft outlives the page (draft-store.ts); leaving with unsaved changes asks first.

import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { CurrentPolicy, Policy } from '../../core/app/api';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { usePushLauncher } from '../components/push/push-launcher';
import { ChangeList } from '../components/policy/ChangeList';
import { ChecksForm } from '../components/policy/ChecksForm';
import { ConfirmDialog } from '../components/policy/ConfirmDialog';
import { DnsListsEditor } from '../components/policy/DnsListsEditor';
import { draftStore } from '../components/policy/draft-store';
import type { FormProps } from '../components/policy/form-types';
import { GreylistingForm } from '../components/policy/GreylistingForm';
import { HistorySection } from '../components/policy/HistorySection';
import { LeaveDialog } from '../components/policy/LeaveDialog';
import { listDef, LISTS, type ListDef, type ListEntry } from '../components/policy/list-kinds';
import { ListsSection } from '../components/policy/ListsSection';
import {
  fieldId,
  listPlace,
  sectionOf,
  type PolicyIssue,
  type Section,
} from '../components/policy/policy-issues';
import { PolicyTabs, isTab, panelId, tabId, type TabId } from '../components/policy/PolicyTabs';
import { plural } from '../components/policy/policy-words';
import { PreviewSection } from '../components/policy/PreviewSection';
import { SaveDialog } from '../components/policy/SaveDialog';
import { StartSection } from '../components/policy/StartSection';
import { TemplateNotice } from '../components/policy/TemplateNotice';
import { UnsavedBar } from '../components/policy/UnsavedBar';
import { useLeaveGuard } from '../components/policy/use-leave-guard';
import { usePolicyDraft } from '../components/policy/use-policy-draft';
import { useSaveShortcut } from '../components/policy/use-save-shortcut';
import { Modal } from '../components/servers/Modal';
import { TimeAgo } from '../components/servers/TimeAgo';
import { useClient } from '../state/api-context';
import { useNotifications } from '../state/notifications';
import '../styles/policy.css';

const TAB_OF_SECTION: Record<Exclude<Section, 'name'>, TabId> = {
  lists: 'lists',
  greylisting: 'greylisting',
  dnsbl: 'dnsbl',
  checks: 'checks',
};

interface Jump {
  issue: PolicyIssue;
  nonce: number;
}

type Dialog = 'save' | 'discard' | 'changes' | undefined;

function Description({ base }: { base: CurrentPolicy | undefined }) {
  if (!base) return <>One policy for the fleet.</>;
  if (base.source === 'template')
    return (
      <>
        <span className="verbatim">{base.name}</span> template — never saved
      </>
    );
  return (
    <span className="policy-version-line">
      <span className="verbatim">{base.name}</span> · version {base.versionId}
      {base.savedAt !== undefined && (
        <>
          {' · saved '}
          <TimeAgo at={base.savedAt} inline />
        </>
      )}
    </span>
  );
}

export function PolicyPage() {
  const p = usePolicyDraft();
  const { mode } = useClient();
  const navigate = useNavigate();
  const launchPush = usePushLauncher();
  const { notify } = useNotifications();
  const [params, setParams] = useSearchParams();
  const tab: TabId = isTab(params.get('tab')) ? (params.get('tab') as TabId) : 'lists';
  const list: ListDef = listDef(params.get('list')) ?? (LISTS[0] as ListDef);
  const [dialog, setDialog] = useState<Dialog>();
  const [leaving, setLeaving] = useState<string>();
  const [jump, setJump] = useState<Jump>();

  const go = (next: TabId, listId?: string) =>
    setParams(
      () => {
        const q = new URLSearchParams();
        if (next !== 'lists') q.set('tab', next);
        const l = listId ?? (next === 'lists' ? params.get('list') : null);
        if (next === 'lists' && l) q.set('list', l);
        return q;
      },
      { replace: true },
    );

  const openSave = () => {
    if (p.dirty) setDialog('save');
    else
      notify({ kind: 'info', title: 'Nothing to save', message: 'The draft is the saved policy.' });
  };
  useSaveShortcut(openSave);
  useLeaveGuard(p.dirty, mode === 'browser', setLeaving);

  const jumpTo = (issue: PolicyIssue) => {
    setDialog(undefined);
    const section = sectionOf(issue);
    if (section === 'name') return setDialog('save');
    const place = listPlace(issue);
    go(TAB_OF_SECTION[section], place?.def.id);
    setJump((j) => ({ issue, nonce: (j?.nonce ?? 0) + 1 }));
  };

  // A jump to a form field focuses it once its tab is shown (lists focus their own rows).
  useEffect(() => {
    if (!jump || listPlace(jump.issue)) return;
    const timer = setTimeout(() => {
      for (let n = jump.issue.path.length; n > 0; n--) {
        const el = document.getElementById(fieldId(jump.issue.path.slice(0, n)));
        if (el) {
          el.focus();
          el.scrollIntoView({ block: 'center' });
          return;
        }
      }
    }, 0);
    return () => clearTimeout(timer);
  }, [jump]);

  const problems = useMemo(() => {
    const out: Partial<Record<TabId, number>> = {};
    for (const issue of p.issues) {
      const s = sectionOf(issue);
      const t = s === 'name' ? undefined : TAB_OF_SECTION[s];
      if (t) out[t] = (out[t] ?? 0) + 1;
    }
    return out;
  }, [p.issues]);

  const startDraft = (policy: Policy, origin: string) => {
    if (origin) draftStore.replace(policy, origin);
    else draftStore.discard();
    go('lists');
    notify({
      kind: 'info',
      title: origin ? `The draft now starts from ${origin}` : 'Back to the current policy',
      message: origin ? 'Nothing is saved until you save it.' : undefined,
    });
  };

  const saved = (current: CurrentPolicy) => {
    draftStore.saved(current);
    setDialog(undefined);
    notify({ kind: 'success', title: `Saved version ${current.versionId ?? '?'}` });
  };

  const { draft, base } = p;
  if (!draft) {
    return (
      <>
        <PageHeader title="Policy" description="One policy for the fleet." />
        {p.loadError ? (
          <p className="callout callout--error" role="alert">
            Could not load the policy: {p.loadError}
          </p>
        ) : (
          <p aria-busy="true">Loading the policy…</p>
        )}
      </>
    );
  }

  const form: FormProps = { draft, issues: p.issues, setField: p.setField };
  const jumpFocus =
    jump && listPlace(jump.issue)
      ? {
          list: listPlace(jump.issue)?.def.id ?? '',
          index: listPlace(jump.issue)?.index ?? 0,
          nonce: jump.nonce,
        }
      : undefined;

  return (
    <div className="policy-page">
      <PageHeader
        title="Policy"
        description={<Description base={base} />}
        actions={
          <>
            <button type="button" className="button" onClick={() => go('start')}>
              Start from…
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={openSave}
              disabled={!p.dirty}
              aria-keyshortcuts="Control+S"
            >
              <Icon name="ok" size={14} /> Save…
            </button>
            <button
              type="button"
              className="button"
              onClick={() => launchPush()}
              disabled={p.dirty}
              title={
                p.dirty
                  ? 'Save first: a push sends a saved version'
                  : 'Push the saved policy to servers'
              }
            >
              <Icon name="servers" size={14} /> Push…
            </button>
          </>
        }
      />
      <UnsavedBar
        dirty={p.dirty}
        changes={p.changes}
        issues={p.issues}
        origin={p.origin}
        overtakenBy={p.overtakenBy}
        onSave={openSave}
        onDiscard={() => setDialog('discard')}
        onShowChanges={() => setDialog('changes')}
        onJump={jumpTo}
      />
      {base?.source === 'template' && !p.dirty && tab !== 'start' && (
        <TemplateNotice name={base.name} onStart={() => go('start')} />
      )}
      <PolicyTabs current={tab} problems={problems} onSelect={(t) => go(t)} />
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} className="policy-panel">
        {tab === 'lists' && (
          <ListsSection
            draft={draft}
            issues={p.issues}
            current={list}
            onPick={(d) => go('lists', d.id)}
            onChange={(d: ListDef, entries: ListEntry[]) => p.setField(d.path, entries)}
            focus={jumpFocus}
          />
        )}
        {tab === 'greylisting' && (
          <GreylistingForm form={form} onOpenList={(d) => go('lists', d.id)} />
        )}
        {tab === 'dnsbl' && <DnsListsEditor form={form} />}
        {tab === 'checks' && <ChecksForm form={form} />}
        {tab === 'preview' && (
          <PreviewSection draft={draft} issues={p.issues} dirty={p.dirty} onJump={jumpTo} />
        )}
        {tab === 'history' && (
          <HistorySection
            currentId={base?.versionId}
            draft={draft}
            dirty={p.dirty}
            onReverted={(current) => draftStore.saved(current)}
            onLoad={startDraft}
          />
        )}
        {tab === 'start' && <StartSection base={base} dirty={p.dirty} onUse={startDraft} />}
      </div>

      {dialog === 'save' && (
        <SaveDialog
          draft={draft}
          baseVersionId={base?.source === 'saved' ? (base.versionId ?? null) : null}
          changes={p.changes}
          issues={p.issues}
          onSaved={saved}
          onCancel={() => setDialog(undefined)}
          onJump={jumpTo}
        />
      )}
      {dialog === 'discard' && (
        <ConfirmDialog
          title="Discard the unsaved changes?"
          confirm="Discard"
          danger
          onConfirm={() => {
            draftStore.discard();
            setDialog(undefined);
          }}
          onCancel={() => setDialog(undefined)}
          testId="discard-dialog"
        >
          <p>
            The draft goes back to{' '}
            {base?.source === 'saved' ? `version ${base.versionId}` : 'the template'};{' '}
            {plural(p.changes.length, 'change')} {p.changes.length === 1 ? 'is' : 'are'} lost.
          </p>
        </ConfirmDialog>
      )}
      {dialog === 'changes' && (
        <Modal
          labelledBy="changes-title"
          onCancel={() => setDialog(undefined)}
          className="dialog--wide"
        >
          <h2 id="changes-title">What the draft changes</h2>
          <div className="save-dialog__changes">
            <ChangeList changes={p.changes} />
          </div>
          <div className="button-row button-row--end">
            <button
              type="button"
              className="button"
              onClick={() => setDialog(undefined)}
              data-autofocus
            >
              Close
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={() => setDialog('save')}
            >
              Save…
            </button>
          </div>
        </Modal>
      )}
      {leaving !== undefined && (
        <LeaveDialog
          changes={p.changes.length}
          onStay={() => setLeaving(undefined)}
          onKeep={() => {
            const to = leaving;
            setLeaving(undefined);
            void navigate(to);
          }}
          onDiscard={() => {
            const to = leaving;
            setLeaving(undefined);
            draftStore.discard();
            void navigate(to);
          }}
        />
      )}
    </div>
  );
}
