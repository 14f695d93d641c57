// senders.*: the cloud-sender catalog and the user's providers, their current ranges (live or the
// shipped snapshot), live expansion and refresh with progress events, and providerOf.
// Runtime: Node.

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PROVIDER_ID, providerInput, providerPatch } from '../../senders/provider-schema';
import { CLOUD_SCOPES } from '../../policy/schema';
import type { SendersService, WhitelistContext } from '../../senders/senders-service';
import {
  pinGroup,
  whitelistStatus,
  withoutWhitelisted,
  withWhitelisted,
} from '../../senders/whitelist';
import { diffPolicies } from '../../policy/diff';
import type { PolicyRepo } from '../../store/policy-repo';
import type { PushRepo } from '../../store/push-repo';
import type { ServersRepo } from '../../store/servers-repo';
import type { WhitelistChange } from '../types/senders';
import { AppError } from '../result';
import { currentPolicy } from './check-handlers';
import { savePolicyVersion } from './policy-save';
import { parseDnsServers, settingsSchema, type Settings } from '../../settings/schema';
import type { Policy } from '../../policy/schema';
import type { Store } from '../../store/database';
import type { HandlerTable, HandlerTools } from '../handler';
import { noRequest } from './no-request';

const id = z.string().regex(PROVIDER_ID, 'must be a cloud sender id such as google');
const dnsServers = settingsSchema.shape.dnsServers.optional();
const timeoutMs = z.number().int().min(100).max(10_000).optional();

const refreshRequest = z
  .object({
    runId: z.string().min(1).max(100),
    ids: z.array(id).min(1).max(500).optional(),
    dnsServers,
    concurrency: z.number().int().min(1).max(32).optional(),
    timeoutMs,
  })
  .strict();

const expandRequest = z
  .object({ id, runId: z.string().min(1).max(100).optional(), dnsServers, timeoutMs })
  .strict();

type SendersMethods =
  | 'senders.list'
  | 'senders.get'
  | 'senders.lookup'
  | 'senders.expand'
  | 'senders.refresh'
  | 'senders.add'
  | 'senders.update'
  | 'senders.remove'
  | 'senders.whitelist'
  | 'senders.unwhitelist';

export interface SendersHandlerDeps {
  store: Store;
  senders: SendersService;
  settings: () => Settings;
  policies: PolicyRepo;
  pushes: PushRepo;
  servers: ServersRepo;
}

/** The current policy and, per managed server, the policy of its last applied push. */
export function whitelistContext(
  policies: PolicyRepo,
  pushes: PushRepo,
  servers: ServersRepo,
): WhitelistContext {
  const versions = new Map<number, ReturnType<PolicyRepo['get']>>();
  const version = (id: number) => {
    if (!versions.has(id)) versions.set(id, policies.get(id));
    return versions.get(id)?.policy;
  };
  return {
    policy: currentPolicy(policies).policy,
    pushed: servers.all().map((s) => {
      const last = pushes.appliedVersions(s.id)[0];
      return { serverName: s.name, policy: last ? version(last.policyVersionId) : undefined };
    }),
  };
}

export function sendersHandlers(deps: SendersHandlerDeps): Pick<HandlerTable, SendersMethods> {
  const { store, senders, settings, policies } = deps;
  const fleet = () => whitelistContext(policies, deps.pushes, deps.servers);
  const servers = (override: string | undefined) =>
    parseDnsServers(override ?? settings().dnsServers);

  const changed = (tools: HandlerTools, ids: string[]) => tools.emit('senders.changed', { ids });

  return {
    'senders.list': { request: noRequest, run: () => senders.list(fleet()) },
    'senders.get': {
      request: z.object({ id }).strict(),
      run: (req) => senders.detail(req.id),
    },
    'senders.lookup': {
      request: z.object({ target: z.string().trim().min(1).max(255) }).strict(),
      run: (req) => senders.lookup(req.target),
    },
    'senders.expand': {
      request: expandRequest,
      run: async (req, _ctx, tools) => {
        const runId = req.runId ?? randomUUID();
        const { report, stored } = await senders.refresh({
          runId,
          ids: [req.id],
          servers: servers(req.dnsServers),
          ...(req.timeoutMs !== undefined ? { timeoutMs: req.timeoutMs } : {}),
          onProgress: (p) => tools.emit('senders.progress', { runId, ...p }),
        });
        const e = stored[0];
        if (!e) throw new Error(`expanding ${req.id} stored nothing`);
        const r = report.providers[0];
        tools.audit({
          target: req.id,
          detail: {
            ranges: { v4: e.ranges.v4.length, v6: e.ranges.v6.length },
            hostnames: e.hostnames.length,
            lookups: e.lookups,
            ms: e.ms,
            complete: e.complete,
            changed: r?.changed ?? false,
            dnsServers: report.dnsServers,
          },
        });
        changed(tools, [req.id]);
        return e;
      },
    },
    'senders.refresh': {
      request: refreshRequest,
      run: async (req, _ctx, tools) => {
        const { report } = await senders.refresh({
          runId: req.runId,
          ...(req.ids ? { ids: req.ids } : {}),
          servers: servers(req.dnsServers),
          ...(req.concurrency !== undefined ? { concurrency: req.concurrency } : {}),
          ...(req.timeoutMs !== undefined ? { timeoutMs: req.timeoutMs } : {}),
          onProgress: (p) => tools.emit('senders.progress', { runId: req.runId, ...p }),
        });
        tools.audit({
          target: req.ids ? req.ids.join(',') : 'all',
          detail: {
            providers: report.providers.length,
            changed: report.providers.filter((p) => p.changed).map((p) => p.id),
            incomplete: report.providers.filter((p) => !p.complete).map((p) => p.id),
            ms: report.ms,
            queries: report.queries,
            lookups: report.lookups,
            dnsServers: report.dnsServers,
          },
        });
        changed(
          tools,
          report.providers.map((p) => p.id),
        );
        return report;
      },
    },
    'senders.add': {
      request: providerInput,
      run: (req, _ctx, tools) => {
        const added = store.transaction(() => {
          const p = senders.add(req, tools.now());
          tools.audit({ target: p.id, detail: { provider: p } });
          return p;
        });
        changed(tools, [added.id]);
        return added;
      },
    },
    'senders.update': {
      request: providerPatch.extend({ id }).strict(),
      run: (req, _ctx, tools) => {
        const { id: target, ...patch } = req;
        const after = store.transaction(() => {
          const r = senders.update(target, patch, tools.now());
          tools.audit({ target, detail: { before: r.before, after: r.after } });
          return r.after;
        });
        changed(tools, [target]);
        return after;
      },
    },
    'senders.remove': {
      request: z.object({ id }).strict(),
      run: (req, _ctx, tools) => {
        store.transaction(() => {
          const p = senders.remove(req.id);
          tools.audit({ target: req.id, detail: { provider: p } });
        });
        changed(tools, [req.id]);
        return { id: req.id };
      },
    },
    'senders.whitelist': {
      request: z.object({ id, scope: z.enum(CLOUD_SCOPES).optional() }).strict(),
      run: async (req, ctx, tools) => {
        const { provider, current } = await senders.currentOf(req.id);
        if (current.ranges.v4.length + current.ranges.v6.length + current.hostnames.length === 0)
          throw new AppError(
            'INVALID_REQUEST',
            `${provider.name} has no ranges or host names to whitelist${current.complete ? '' : ' (its last refresh could not read its records)'}. Refresh it from DNS first.`,
          );
        const base = currentPolicy(policies).policy;
        const was = base.cloudSenders?.find((g) => g.provider === provider.id);
        const group = pinGroup(provider, current, req.scope ?? was?.scope ?? 'greylisting');
        if (was && JSON.stringify(was) === JSON.stringify(group))
          throw new AppError(
            'CONFLICT',
            `${provider.name} is already whitelisted with these ranges and this scope: nothing to change.`,
          );
        const next = withWhitelisted(base, group);
        return change(req.id, base, next, ctx.actor, tools);
      },
    },
    'senders.unwhitelist': {
      request: z.object({ id }).strict(),
      run: (req, ctx, tools) => {
        const base = currentPolicy(policies).policy;
        const next = withoutWhitelisted(base, req.id);
        if (!next)
          throw new AppError('NOT_FOUND', `${req.id} is not whitelisted in the current policy.`);
        return change(req.id, base, next, ctx.actor, tools);
      },
    },
  };

  async function change(
    providerId: string,
    base: Policy,
    next: { policy: Policy; message: string },
    actor: string,
    tools: HandlerTools,
  ): Promise<WhitelistChange> {
    const saved = savePolicyVersion(store, policies, next.policy, next.message, actor, tools, {
      detail: { provider: providerId },
    });
    changed(tools, [providerId]);
    const { current } = await senders.currentOf(providerId);
    const f = fleet();
    return {
      versionId: saved.versionId as number,
      message: next.message,
      changes: diffPolicies(base, next.policy),
      status: whitelistStatus(providerId, f.policy, current, f.pushed),
    };
  }
}
