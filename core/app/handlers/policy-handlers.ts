// policy.*: the current policy, versions and their diffs, saving and reverting, importing a
// server's configuration, compiling and previewing. Runtime: Node.

import { z } from 'zod';
import type { PushService } from '../../servers/push/push-service';
import type { ServersService } from '../../servers/servers-service';
import { diffPolicies } from '../../policy/diff';
import { issueLines, validatePolicy } from '../../policy/messages';
import type { Policy } from '../../policy/schema';
import type { Store } from '../../store/database';
import type { PolicyRepo } from '../../store/policy-repo';
import type { ServersRepo } from '../../store/servers-repo';
import { compile } from '../../targets/postfix/compile';
import { NAMED_PROFILES, namedProfile, type ProfileName } from '../../targets/target';
import type { CurrentPolicy } from '../api';
import type { HandlerTable, HandlerTools } from '../handler';
import type { PolicyRef } from '../types/policy';
import { AppError } from '../result';
import { currentPolicy } from './check-handlers';
import { noRequest } from './no-request';

const id = z.number().int().positive();
const policyRef = z.union([
  z.object({ versionId: id }).strict(),
  z.object({ policy: z.unknown() }).strict(),
]);

type PolicyHandlers = Pick<
  HandlerTable,
  | 'policy.current'
  | 'policy.save'
  | 'policy.versions'
  | 'policy.version'
  | 'policy.diff'
  | 'policy.revert'
  | 'policy.importServer'
  | 'policy.compile'
  | 'policy.preview'
>;

export function policyHandlers(
  store: Store,
  policies: PolicyRepo,
  servers: ServersRepo,
  service: ServersService,
  pushes: PushService,
): PolicyHandlers {
  const resolve = (ref: PolicyRef): Policy => {
    if ('versionId' in ref) {
      const v = policies.get(ref.versionId);
      if (!v) throw new AppError('NOT_FOUND', `There is no policy version ${ref.versionId}.`);
      return v.policy;
    }
    const v = validatePolicy(ref.policy);
    if (!v.ok)
      throw new AppError(
        'INVALID_REQUEST',
        `The policy is not valid: ${issueLines(v.issues).join('; ')}`,
        { issues: v.issues },
      );
    return v.policy;
  };

  const save = (
    policy: Policy,
    message: string,
    actor: string,
    tools: HandlerTools,
  ): CurrentPolicy => {
    const before = currentPolicy(policies);
    const after = store.transaction(() => {
      const saved = policies.save(policy, message, actor, tools.now());
      const changes = diffPolicies(before.policy, policy).map((c) => `${c.section}: ${c.text}`);
      tools.audit({
        target: `policy v${saved.id}`,
        detail: { message, changes: changes.slice(0, 200), changeCount: changes.length },
      });
      return currentPolicy(policies);
    });
    if (after.versionId !== undefined) tools.emit('policy.changed', { versionId: after.versionId });
    return after;
  };

  return {
    'policy.current': { request: noRequest, run: () => currentPolicy(policies) },
    'policy.save': {
      request: z
        .object({
          policy: z.unknown(),
          message: z.string().max(1000),
          baseVersionId: id.nullable().optional(),
        })
        .strict(),
      run: (req, ctx, tools) => {
        // Two admins editing at once: the second save must not silently replace the first.
        if (req.baseVersionId !== undefined) {
          const latest = policies.current()?.id ?? null;
          if (latest !== req.baseVersionId) {
            throw new AppError(
              'CONFLICT',
              `Version ${latest} was saved since you started editing (from ${req.baseVersionId ?? 'the template'}). Look at its changes in History, then save again.`,
              { latest, base: req.baseVersionId },
            );
          }
        }
        return save(resolve({ policy: req.policy }), req.message, ctx.actor, tools);
      },
    },
    'policy.versions': { request: noRequest, run: () => policies.list(500) },
    'policy.version': {
      request: z.object({ id }).strict(),
      run: (req) => {
        const v = policies.get(req.id);
        if (!v) throw new AppError('NOT_FOUND', `There is no policy version ${req.id}.`);
        return v;
      },
    },
    'policy.diff': {
      request: z.object({ from: policyRef, to: policyRef }).strict(),
      run: (req) => diffPolicies(resolve(req.from as PolicyRef), resolve(req.to as PolicyRef)),
    },
    'policy.revert': {
      request: z.object({ versionId: id, message: z.string().max(1000).optional() }).strict(),
      run: (req, ctx, tools) =>
        save(
          resolve({ versionId: req.versionId }),
          req.message ?? `revert to version ${req.versionId}`,
          ctx.actor,
          tools,
        ),
    },
    'policy.importServer': {
      request: z.object({ serverId: id }).strict(),
      run: async (req) => {
        const row = servers.require(req.serverId);
        const r = await service.importConfig(req.serverId);
        return { serverId: row.id, serverName: row.name, policy: r.policy, findings: r.findings };
      },
    },
    'policy.compile': {
      request: z
        .object({
          policy: policyRef,
          serverId: id.optional(),
          profile: z.string().max(60).optional(),
        })
        .strict(),
      run: (req) => {
        const policy = resolve(req.policy as PolicyRef);
        if (req.serverId !== undefined) return compile(policy, service.targetProfile(req.serverId));
        const profile = (req.profile ?? 'postfix-postscreen-postgrey') as ProfileName;
        if (!Object.hasOwn(NAMED_PROFILES, profile))
          throw new AppError(
            'INVALID_REQUEST',
            `Unknown profile "${profile}": use ${Object.keys(NAMED_PROFILES).join(', ')}.`,
          );
        return compile(policy, namedProfile(profile));
      },
    },
    'policy.preview': {
      request: z.object({ policy: policyRef, serverId: id }).strict(),
      run: (req) => pushes.preview(req.serverId, resolve(req.policy as PolicyRef)),
    },
  };
}
