// Where a draft can start: a server already running, a template, or the saved policy. Starting
// over replaces the draft (after a confirmation when it has unsaved changes).

import { useState } from 'react';
import type { CurrentPolicy, Policy } from '../../../core/app/api';
import { TEMPLATES, type TemplateName } from '../../../core/policy/templates';
import { Card } from '../servers/Card';
import { ConfirmDialog } from './ConfirmDialog';
import { ImportFromServer } from './ImportFromServer';

const TEMPLATE_TEXT: Record<TemplateName, string> = {
  conservative:
    'Blocks little: Spamhaus ZEN and DNSWL at mailcow’s weights, greylisting, invalid HELO.',
  balanced:
    'What most sites run: mailcow’s full list set, greylisting, reverse DNS deferred, non-FQDN HELO and SPF fail in dry-run first.',
  strict:
    'Rejects hard: threshold 3, forward-confirmed rDNS, SPF fail rejected, softfail greylisted.',
  empty:
    'Nothing but the structure, for building from scratch: no lists, no greylisting, no checks.',
};

export function StartSection({
  base,
  dirty,
  onUse,
}: {
  base?: CurrentPolicy;
  dirty: boolean;
  onUse: (policy: Policy, origin: string) => void;
}) {
  const [pending, setPending] = useState<{ policy: Policy; origin: string }>();
  const use = (policy: Policy, origin: string) =>
    dirty ? setPending({ policy, origin }) : onUse(policy, origin);

  return (
    <div className="start-section">
      <ImportFromServer onUse={use} />
      <Card title="From a template">
        <ul className="template-list">
          {(Object.keys(TEMPLATES) as TemplateName[]).map((name) => {
            const t = TEMPLATES[name]();
            return (
              <li key={name} className="template-card">
                <div>
                  <h3>{t.name}</h3>
                  <p className="muted">{TEMPLATE_TEXT[name]}</p>
                </div>
                <button
                  type="button"
                  className="button"
                  aria-label={`Use the ${t.name} template as draft`}
                  onClick={() => use(t, `the ${t.name} template`)}
                >
                  Use as draft
                </button>
              </li>
            );
          })}
        </ul>
      </Card>
      {base && (
        <Card title="From the current policy">
          <p className="muted">
            {base.source === 'saved'
              ? `Version ${base.versionId ?? '?'}, as saved: drops every unsaved change.`
              : 'No policy was saved yet: the current policy is the Balanced template.'}
          </p>
          <button
            type="button"
            className="button"
            disabled={!dirty}
            onClick={() => use(base.policy, '')}
          >
            Back to the current policy
          </button>
        </Card>
      )}
      {pending && (
        <ConfirmDialog
          title="Replace your unsaved changes?"
          confirm="Replace the draft"
          danger
          onConfirm={() => {
            onUse(pending.policy, pending.origin);
            setPending(undefined);
          }}
          onCancel={() => setPending(undefined)}
        >
          <p>
            The draft has unsaved changes. Starting from{' '}
            {pending.origin ? (
              <span className="verbatim">{pending.origin}</span>
            ) : (
              'the current policy'
            )}{' '}
            discards them.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
