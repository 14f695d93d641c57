// senders.*: the cloud-sender catalog and the user's providers, their current ranges (live or the
// shipped snapshot), live expansion and refresh with progress events, and providerOf.
// Runtime: Node.

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PROVIDER_ID, providerInput, providerPatch } from '../../senders/provider-schema';
import type { SendersService } from '../../senders/senders-service';
import { parseDnsServers, settingsSchema, type Settings } from '../../settings/schema';
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
  | 'senders.remove';

export function sendersHandlers(
  store: Store,
  senders: SendersService,
  settings: () => Settings,
): Pick<HandlerTable, SendersMethods> {
  const servers = (override: string | undefined) =>
    parseDnsServers(override ?? settings().dnsServers);

  const changed = (tools: HandlerTools, ids: string[]) => tools.emit('senders.changed', { ids });

  return {
    'senders.list': { request: noRequest, run: () => senders.list() },
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
  };
}
