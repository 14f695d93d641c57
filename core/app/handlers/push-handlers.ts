// push.*: plan (the diff and drift before a push), run (the rollout, audited once with every
// server's outcome), cancel, history, drift. Runtime: Node.

import { z } from 'zod';
import type { PushService } from '../../servers/push/push-service';
import type { PushRepo } from '../../store/push-repo';
import type { HandlerTable } from '../handler';
import { AppError } from '../result';

const id = z.number().int().positive();
const choice = {
  serverIds: z.array(id).min(1).max(500).optional(),
  tag: z.string().min(1).max(64).optional(),
  all: z.literal(true).optional(),
  policyVersionId: id.optional(),
};
const passphrases = z
  .array(
    z
      .object({
        keyPath: z.string().min(1).max(4096),
        passphrase: z.string().max(4096),
        remember: z.boolean().optional(),
      })
      .strict(),
  )
  .max(10)
  .optional();

type PushHandlers = Pick<
  HandlerTable,
  'push.plan' | 'push.run' | 'push.cancel' | 'push.list' | 'push.get' | 'push.drift'
>;

export function pushHandlers(service: PushService, repo: PushRepo): PushHandlers {
  return {
    'push.plan': { request: z.object(choice).strict(), run: (req) => service.plan(req) },
    'push.run': {
      request: z
        .object({
          ...choice,
          dryRun: z.boolean().optional(),
          overwriteDrift: z.array(id).max(500).optional(),
          canaryId: id.optional(),
          concurrency: z.number().int().min(1).max(32).optional(),
          clientToken: z.string().max(100).optional(),
          passphrases,
        })
        .strict(),
      run: async ({ passphrases: keys, ...req }, ctx, tools) => {
        const summary = await service.run(req, ctx.actor, keys);
        tools.audit({
          action: summary.dryRun
            ? 'push.dryRun'
            : summary.kind === 'rollback'
              ? 'push.rollback'
              : 'push.run',
          target: summary.servers.map((s) => s.serverName).join(', '),
          detail: {
            pushId: summary.id,
            policyVersionId: summary.policyVersionId,
            outcome: summary.outcome,
            servers: summary.servers.map((s) => ({
              name: s.serverName,
              outcome: s.outcome,
              ...(s.failedStep ? { failedStep: s.failedStep } : {}),
              ...(s.error ? { error: s.error.message } : {}),
              changes: s.changes,
            })),
            ...(req.overwriteDrift?.length ? { overwroteDriftOn: req.overwriteDrift } : {}),
          },
        });
        return summary;
      },
    },
    'push.cancel': {
      request: z.object({ pushId: z.string().min(1).max(100) }).strict(),
      run: (req, _ctx, tools) => {
        const cancelled = service.cancel(req.pushId);
        tools.audit({ target: req.pushId, detail: { cancelled } });
        return { cancelled };
      },
    },
    'push.list': {
      request: z
        .object({ serverId: id.optional(), limit: z.number().int().min(1).max(1000).optional() })
        .strict()
        .optional(),
      run: (req) => repo.list(req ?? {}),
    },
    'push.get': {
      request: z.object({ id: z.string().min(1).max(100) }).strict(),
      run: (req) => {
        const p = repo.get(req.id);
        if (!p) throw new AppError('NOT_FOUND', `There is no push ${req.id}.`);
        return p;
      },
    },
    'push.drift': {
      request: z.object({ serverId: id }).strict(),
      run: (req) => service.drift(req.serverId),
    },
  };
}
