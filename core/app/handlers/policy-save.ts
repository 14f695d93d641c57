// Saving a policy version: one path for the Policy page, reverts and the Senders page's one-click
// whitelisting, so each writes its version, its audit row with the changes in words, and the
// policy.changed event the same way. Runtime: Node.

import { diffPolicies } from '../../policy/diff';
import type { Policy } from '../../policy/schema';
import type { Store } from '../../store/database';
import type { PolicyRepo } from '../../store/policy-repo';
import type { CurrentPolicy } from '../api';
import type { HandlerTools } from '../handler';
import { currentPolicy } from './check-handlers';

export function savePolicyVersion(
  store: Store,
  policies: PolicyRepo,
  policy: Policy,
  message: string,
  actor: string,
  tools: HandlerTools,
  audit: { action?: string; detail?: Record<string, unknown> } = {},
): CurrentPolicy {
  const before = currentPolicy(policies);
  const after = store.transaction(() => {
    const saved = policies.save(policy, message, actor, tools.now());
    const changes = diffPolicies(before.policy, policy).map((c) => `${c.section}: ${c.text}`);
    tools.audit({
      target: `policy v${saved.id}`,
      ...(audit.action ? { action: audit.action } : {}),
      detail: {
        message,
        changes: changes.slice(0, 200),
        changeCount: changes.length,
        ...audit.detail,
      },
    });
    return currentPolicy(policies);
  });
  if (after.versionId !== undefined) tools.emit('policy.changed', { versionId: after.versionId });
  return after;
}
