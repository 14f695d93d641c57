// stats.*: the dashboard's data, log sources, false-positive evidence and the admin's marks,
// importing a log file, and retention on demand. Runtime: Node.

import path from 'node:path';
import { z } from 'zod';
import { parseIp } from '../../net/ip';
import { dashboard } from '../../stats/dashboard';
import { greylistPrefixes } from '../../servers/tail/server-tailer';
import { ingestFile } from '../../stats/file-ingest';
import { LOCAL_OFFSET } from '../../logs/time/wall-clock';
import { orgDomain } from '../../stats/org-domain';
import type { ServersRepo } from '../../store/servers-repo';
import type { Store } from '../../store/database';
import type { HandlerTable, HandlerTools } from '../handler';
import { AppError, toApiError } from '../result';
import type { StatsHost } from '../stats-host';
import type { LogSourceInfo } from '../types/stats';
import { noRequest } from './no-request';

type StatsHandlers = Pick<
  HandlerTable,
  | 'stats.sources'
  | 'stats.dashboard'
  | 'stats.evidence'
  | 'stats.mark'
  | 'stats.ingest'
  | 'stats.prune'
>;

const DAY = 86_400_000;
const time = z.number().int().min(0).max(8_640_000_000_000);
const ipText = z
  .string()
  .max(64)
  .refine((s) => parseIp(s) !== undefined, { message: 'must be an IPv4 or IPv6 address' });
const domainText = z
  .string()
  .max(253)
  .refine((s) => /^[A-Za-z0-9._-]*$/.test(s), { message: 'must be a domain name' })
  .transform((s) => s.toLowerCase().replace(/\.$/, ''));

/** Pairs whose evidence the dashboard asks to be gathered, most rejected first. */
const EVIDENCE_PER_REQUEST = 100;

export function statsHandlers(
  store: Store,
  host: StatsHost,
  serversRepo: ServersRepo,
): StatsHandlers {
  const sources = (): LogSourceInfo[] => {
    const totals = new Map(host.repo.sourceTotals([]).map((t) => [t.sourceId, t]));
    return host.sources.all().map((s) => {
      const t = totals.get(s.id);
      return {
        id: s.id,
        name: s.name,
        serverId: s.serverId,
        lines: t?.lines ?? 0,
        unknownLines: t?.unknown ?? 0,
        lastLineTime: t?.lastTime ?? null,
        updatedAt: t?.updatedAt ?? null,
      };
    });
  };

  let progressAt = 0;
  const ingestProgress =
    (tools: HandlerTools, runId: string | undefined) =>
    (p: { file: string; bytesDone: number; bytesTotal: number; lines: number }) => {
      const now = Date.now();
      if (now - progressAt < 200 && p.bytesDone < p.bytesTotal) return;
      progressAt = now;
      tools.emit('stats.ingestProgress', { ...(runId ? { runId } : {}), ...p });
    };

  return {
    'stats.sources': { request: noRequest, run: () => sources() },
    'stats.dashboard': {
      request: z
        .object({
          from: time,
          to: time,
          sourceIds: z.array(z.number().int().positive()).max(1000).optional(),
        })
        .strict()
        .refine((r) => r.to > r.from, { message: '"to" must be after "from"' })
        .refine((r) => r.to - r.from <= 800 * DAY, { message: 'at most 800 days at once' }),
      run: (req, _ctx, tools) => {
        const all = host.sources.all();
        const ids = req.sourceIds?.length ? req.sourceIds : [];
        const chosen = ids.length ? all.filter((s) => ids.includes(s.id)) : all;
        const data = dashboard(
          host.repo,
          { from: req.from, to: req.to, sourceIds: ids },
          chosen.map((s) => ({ id: s.id, name: s.name })),
          tools.now(),
        );
        if (data.falsePositives.pending > 0 && host.background) {
          const pending = host.repo.pendingEvidence(
            { from: req.from, to: req.to, sourceIds: ids },
            EVIDENCE_PER_REQUEST,
          );
          host.evidence.enqueue(pending);
        }
        return data;
      },
    },
    'stats.evidence': {
      request: z
        .object({
          client: ipText,
          senderDomain: domainText.optional(),
          sender: z.string().max(320).optional(),
          refresh: z.boolean().optional(),
        })
        .strict(),
      run: (req) => {
        const senderDomain = req.senderDomain ?? (req.sender ? (orgDomain(req.sender) ?? '') : '');
        return host.evidence.report(
          {
            client: parseIp(req.client)?.address ?? req.client,
            senderDomain,
            ...(req.sender !== undefined ? { sender: req.sender } : {}),
          },
          req.refresh ?? false,
        );
      },
    },
    'stats.mark': {
      request: z
        .object({
          client: ipText.or(z.literal('')).optional(),
          senderDomain: domainText.optional(),
          wanted: z.boolean(),
          note: z.string().max(2000).optional(),
        })
        .strict()
        .refine((r) => Boolean(r.client) || Boolean(r.senderDomain), {
          message: 'name a client address, a sender domain, or both',
        }),
      run: (req, ctx, tools) => {
        const client = req.client ? (parseIp(req.client)?.address ?? req.client) : '';
        const senderDomain = req.senderDomain ? (orgDomain(req.senderDomain) ?? '') : '';
        const mark = store.transaction(() => {
          const m = host.evidenceRepo.setMark({
            client,
            senderDomain,
            wanted: req.wanted,
            note: req.note ?? '',
            actor: ctx.actor,
            markedAt: tools.now(),
          });
          tools.audit({
            target: [client, senderDomain].filter(Boolean).join(' / '),
            detail: { client, senderDomain, wanted: req.wanted, note: m.note },
          });
          return m;
        });
        host.changed();
        return { client, senderDomain, wanted: mark.wanted, note: mark.note };
      },
    },
    'stats.ingest': {
      request: z
        .object({
          file: z
            .string()
            .min(1)
            .max(4096)
            .refine((f) => !f.includes('\0'), { message: 'must not contain NUL' })
            .refine((f) => path.isAbsolute(f), { message: 'must be an absolute path' }),
          server: z
            .string()
            .max(200)
            .refine((s) => s.trim().length > 0, { message: 'must not be empty' })
            .refine((s) => !s.includes('\0'), { message: 'must not contain NUL' }),
          year: z.number().int().min(1970).max(9999).optional(),
          utcOffsetMinutes: z.number().int().min(-840).max(840).or(z.literal('local')).optional(),
          runId: z.string().max(100).optional(),
        })
        .strict(),
      run: async (req, _ctx, tools) => {
        const row = serversRepo.byName(req.server);
        const source = row
          ? host.sources.forServer(row.id, row.name, tools.now())
          : host.sources.forName(req.server, tools.now());
        const prefixes = row
          ? greylistPrefixes(serversRepo.lastInspection(row.id)?.postgrey.options ?? [])
          : {};
        try {
          const result = await ingestFile({
            file: req.file,
            source,
            sources: host.sources,
            writer: host.writer,
            parse: {
              ...(req.year !== undefined ? { year: req.year } : {}),
              utcOffset:
                req.utcOffsetMinutes === undefined || req.utcOffsetMinutes === 'local'
                  ? LOCAL_OFFSET
                  : req.utcOffsetMinutes,
            },
            now: tools.now,
            ...prefixes,
            onProgress: ingestProgress(tools, req.runId),
            onCommit: () => host.changed(source.id),
          });
          tools.audit({
            target: source.name,
            detail: {
              ok: true,
              file: req.file,
              lines: result.lines,
              events: result.events,
              unknown: result.unknown,
              resumedAt: result.resumedAt,
              offset: result.offset,
            },
          });
          return result;
        } catch (e) {
          const err = toApiError(e);
          tools.audit({
            target: source.name,
            detail: { ok: false, file: req.file, code: err.code, message: err.message },
          });
          if (e instanceof AppError) throw e;
          throw new AppError(err.code, err.message);
        }
      },
    },
    'stats.prune': {
      request: noRequest,
      run: async (_req, _ctx, tools) => {
        const r = await host.prune();
        const out = {
          deletedEvents: r.events + r.trimmedForSize,
          deletedRollups: r.minuteRows + r.hourRows,
          usedBytes: r.usedBytes,
        };
        tools.audit({ target: '', detail: { ...out, episodes: r.episodes } });
        host.changed();
        return out;
      },
    },
  };
}
