// policy.*: the current policy and saving new versions. Runtime: Node.

import { z } from 'zod';
import { diffPolicies } from '../../policy/diff';
import { issueLines, validatePolicy } from '../../policy/messages';
import type { Store } from '../../store/database';
import type { PolicyRepo } from '../../store/policy-repo';
import type { HandlerTable } from '../handler';
import { AppError } from '../result';
import { currentPolicy } from './check-handlers';
import { noRequest } from './no-request';

export function policyHandlers(
  store: Store,
  policies: PolicyRepo,
): Pick<HandlerTable, 'policy.current' | 'policy.save'> {
  return {
    'policy.current': { request: noRequest, run: () => currentPolicy(policies) },
    'policy.save': {
      request: z.object({ policy: z.unknown(), message: z.string().max(1000) }).strict(),
      run: (req, ctx, tools) => {
        const v = validatePolicy(req.policy);
        if (!v.ok)
          throw new AppError(
            'INVALID_REQUEST',
            `The policy is not valid: ${issueLines(v.issues).join('; ')}`,
            { issues: v.issues },
          );
        const before = currentPolicy(policies);
        return store.transaction(() => {
          const saved = policies.save(v.policy, req.message, ctx.actor, tools.now());
          const changes = diffPolicies(before.policy, v.policy).map(
            (c) => `${c.section}: ${c.text}`,
          );
          tools.audit({
            target: `policy v${saved.id}`,
            detail: {
              message: req.message,
              changes: changes.slice(0, 200),
              changeCount: changes.length,
            },
          });
          return currentPolicy(policies);
        });
      },
    },
  };
}
