// audit.*: the audit log page. Runtime: Node.

import { z } from 'zod';
import type { Store } from '../../store/database';
import { AuditRepo } from '../../store/audit-repo';
import type { HandlerTable } from '../handler';

const listRequest = z
  .object({
    limit: z.number().int().min(1).max(500).optional(),
    before: z.number().int().min(1).optional(),
    action: z.string().max(200).optional(),
    search: z.string().max(200).optional(),
  })
  .strict();

const activityRequest = z.object({ days: z.number().int().min(1).max(366).optional() }).strict();

export function auditHandlers(store: Store): Pick<HandlerTable, 'audit.list' | 'audit.activity'> {
  const repo = new AuditRepo(store.db);
  return {
    'audit.list': { request: listRequest, run: (req) => repo.list(req) },
    'audit.activity': {
      request: activityRequest,
      run: (req, _ctx, tools) => repo.activity(req.days ?? 30, tools.now()),
    },
  };
}
