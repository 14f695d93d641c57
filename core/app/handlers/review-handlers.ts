// review.*: the queue of refused senders with their evidence, one item's lines, Check IP verdict
// and whitelist precisions, the greylisting delays view, and the admin's decisions — whitelist
// (a new policy version; the SPF ranges of a sender domain or a provider's data pinned), dismiss
// as spam — each marking its pairs (confirmed or not wanted, which the dashboard's
// false-positive chart counts) and undoable. Runtime: Node.

import { z } from 'zod';
import { DnsClient } from '../../net/dns-client';
import { parseIp } from '../../net/ip';
import { isHostName, parseClientPattern } from '../../policy/client-match';
import type { Policy } from '../../policy/schema';
import { expandSpf } from '../../senders/expand';
import { dnsRecordSource } from '../../senders/dns-record-source';
import type { SendersService } from '../../senders/senders-service';
import { pinGroup } from '../../senders/whitelist';
import { parseDnsServers, type Settings } from '../../settings/schema';
import type { Store } from '../../store/database';
import type { PolicyRepo } from '../../store/policy-repo';
import { ReviewRepo } from '../../store/review-repo';
import type { DecisionChange, PriorMark } from '../../review/decisions';
import { coveredPairs } from '../../review/covered-pairs';
import { greylistDelays } from '../../review/greylist-delays';
import { ReviewQueueService } from '../../review/review-queue';
import {
  alreadyThere,
  applyEntry,
  entryFor,
  entryWords,
  revertEntry,
  type AppliedEntry,
} from '../../review/whitelist-entry';
import type { CheckReport, CheckRequest } from '../types/check';
import type { EvidenceReport } from '../types/stats';
import type { ReviewPair, ReviewWhitelistItem } from '../types/review';
import type { CallContext, HandlerTable, HandlerTools } from '../handler';
import { AppError } from '../result';
import type { StatsHost } from '../stats-host';
import { currentPolicy } from './check-handlers';
import { savePolicyVersion } from './policy-save';

type ReviewMethods =
  | 'review.queue'
  | 'review.item'
  | 'review.greylist'
  | 'review.whitelist'
  | 'review.dismiss'
  | 'review.undo';

export interface ReviewHandlerDeps {
  store: Store;
  stats: StatsHost;
  policies: PolicyRepo;
  senders: SendersService;
  settings: () => Settings;
  runCheck: (req: CheckRequest, ctx: CallContext, tools: HandlerTools) => Promise<CheckReport>;
}

const DAY = 86_400_000;
const time = z.number().int().min(0).max(8_640_000_000_000);
const range = { from: time, to: time };
const rangeOk = (r: { from: number; to: number }) => r.to > r.from && r.to - r.from <= 800 * DAY;
const RANGE_MESSAGE = '"to" must be after "from", at most 800 days apart';

const pair = z
  .object({
    client: z
      .string()
      .max(64)
      .refine((s) => parseIp(s) !== undefined, { message: 'must be an IP address' }),
    senderDomain: z
      .string()
      .max(253)
      .refine((s) => s === '' || isHostName(s), { message: 'must be a domain name' }),
  })
  .strict();
const key = z.string().min(1).max(400);
const label = z.string().max(400);
const note = z.string().max(500).optional();

const whitelistItem = z
  .object({
    key,
    label,
    precision: z.enum(['address', 'network', 'hostname', 'sender-domain', 'provider']),
    value: z.string().min(1).max(253),
    pairs: z.array(pair).max(1000),
  })
  .strict()
  .superRefine((it, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
    const p = parseClientPattern(it.value);
    switch (it.precision) {
      case 'address':
        if (!p.ok || p.pattern.kind !== 'ip') bad(`${it.value} is not an IP address`);
        break;
      case 'network':
        if (!p.ok || p.pattern.kind !== 'cidr')
          bad(`${it.value} is not a network such as 192.0.2.0/24`);
        break;
      case 'hostname':
      case 'sender-domain':
        if (!isHostName(it.value) || !it.value.includes('.'))
          bad(`${it.value} is not a domain name such as example.com`);
        break;
      case 'provider':
        if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(it.value))
          bad(`${it.value} is not a cloud sender id such as google`);
        break;
    }
  });

export function reviewHandlers(deps: ReviewHandlerDeps): Pick<HandlerTable, ReviewMethods> {
  const { store, stats, policies, senders } = deps;
  const repo = new ReviewRepo(store.db);
  const queue = new ReviewQueueService({ repo, stats, lookup: (a) => senders.lookup(a) });

  let dns: { key: string; client: DnsClient } | undefined;
  const dnsClient = () => {
    const k = deps.settings().dnsServers;
    if (dns?.key !== k)
      dns = { key: k, client: new DnsClient({ servers: parseDnsServers(k), timeoutMs: 2000 }) };
    return dns.client;
  };

  /** The SPF ranges a domain authorises now (pinned into its entry). */
  const spfRanges = async (domain: string): Promise<string[]> => {
    const e = await expandSpf([domain], dnsRecordSource(dnsClient()));
    const ranges = [...e.ranges.v4, ...e.ranges.v6];
    if (!e.complete)
      throw new AppError(
        'UNAVAILABLE',
        `The SPF record of ${domain} could not be read completely (${e.issues.map((i) => i.kind).join(', ') || 'DNS error'}). Check the DNS servers in Settings and try again, or whitelist the address instead.`,
      );
    if (!ranges.length)
      throw new AppError(
        'INVALID_REQUEST',
        `The SPF record of ${domain} authorises no addresses Postfix could check. Whitelist the address or the network instead.`,
      );
    return ranges;
  };

  const entryOf = async (
    it: ReviewWhitelistItem,
    scope: 'greylisting' | 'dnsbl' | 'all',
    opts: { note?: string; expires?: string },
  ): Promise<AppliedEntry> => {
    if (it.precision === 'provider') {
      const { provider, current } = await senders.currentOf(it.value);
      return entryFor('provider', it.value, scope, {
        ...opts,
        group: pinGroup(provider, current, 'greylisting'),
      });
    }
    if (it.precision === 'sender-domain' && scope !== 'greylisting')
      return entryFor(it.precision, it.value, scope, {
        ...opts,
        spfRanges: await spfRanges(it.value),
      });
    return entryFor(it.precision, it.value, scope, opts);
  };

  /** Sets the pairs' marks; returns what they were, for the undo. */
  const mark = (
    pairs: readonly ReviewPair[],
    wanted: boolean,
    noteText: string,
    actor: string,
    at: number,
  ) =>
    pairs.map((p): PriorMark => {
      const before = stats.evidenceRepo.exactMark(p.client, p.senderDomain);
      stats.evidenceRepo.setMark({
        client: p.client,
        senderDomain: p.senderDomain,
        wanted,
        note: noteText,
        actor,
        markedAt: at,
      });
      return {
        client: p.client,
        senderDomain: p.senderDomain,
        ...(before
          ? {
              before: {
                wanted: before.wanted,
                note: before.note,
                actor: before.actor,
                markedAt: before.markedAt,
              },
            }
          : {}),
      };
    });

  const restoreMarks = (marks: readonly PriorMark[]) => {
    for (const m of marks) {
      if (m.before)
        stats.evidenceRepo.setMark({ client: m.client, senderDomain: m.senderDomain, ...m.before });
      else
        store.db
          .prepare('DELETE FROM fp_marks WHERE client = ? AND sender_domain = ?')
          .run(m.client, m.senderDomain);
    }
  };

  return {
    'review.queue': {
      request: z
        .object({
          ...range,
          status: z.enum(['open', 'decided', 'all']).optional(),
          limit: z.number().int().min(1).max(2000).optional(),
        })
        .strict()
        .refine(rangeOk, { message: RANGE_MESSAGE }),
      run: (req) => queue.queue(req.from, req.to, req.status ?? 'open', req.limit ?? 500),
    },
    'review.item': {
      request: z
        .object({ key, ...range })
        .strict()
        .refine(rangeOk, { message: RANGE_MESSAGE }),
      run: async (req, ctx, tools) => {
        const d = await queue.detail(req.key, req.from, req.to);
        if (!d)
          throw new AppError(
            'NOT_FOUND',
            `Nothing in the range is grouped as ${req.key}: choose a longer range, or reload the queue.`,
          );
        const top = d.item.clients[0];
        if (!top) return d;
        const sender =
          d.samples.find((s) => s.client === top.address && s.sender)?.sender ?? undefined;
        const server = d.item.servers.find((x) => x.id !== null);
        try {
          const r = await deps.runCheck(
            {
              runId: `review-${tools.now()}`,
              target: top.address,
              // As the server that refused it filters (postscreen or not decides what a
              // sender-based entry can still change).
              ...(server?.id ? { serverId: server.id } : {}),
              ...(sender ? { sender } : {}),
              ...(d.item.evidence.fcrdns ? { helo: d.item.evidence.fcrdns } : {}),
            },
            ctx,
            tools,
          );
          return {
            ...d,
            check: {
              address: r.address,
              verdict: r.verdict,
              policy: r.policy,
              notes: r.notes,
              ...(sender ? { sender } : {}),
              ...(server ? { server: server.name } : {}),
              stillRefused: r.verdict.action !== 'accept',
            },
          };
        } catch (e) {
          return { ...d, checkError: e instanceof Error ? e.message : String(e) };
        }
      },
    },
    'review.greylist': {
      request: z.object(range).strict().refine(rangeOk, { message: RANGE_MESSAGE }),
      run: async (req) => {
        const rows = repo.greylist(req.from, req.to);
        const providers = new Map<string, { id: string; name: string }>();
        for (const c of new Set(rows.map((r) => r.client))) {
          const m = await senders.lookup(c).catch(() => null);
          if (m && m.match === 'range') providers.set(c, { id: m.provider, name: m.name });
        }
        return greylistDelays(rows, (c) => providers.get(c));
      },
    },
    'review.whitelist': {
      request: z
        .object({
          items: z.array(whitelistItem).min(1).max(200),
          scope: z.enum(['greylisting', 'dnsbl', 'all']),
          expires: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31')
            .optional(),
          note,
        })
        .strict(),
      run: async (req, ctx, tools) => {
        const opts = {
          ...(req.note ? { note: req.note } : {}),
          ...(req.expires ? { expires: req.expires } : {}),
        };
        const base = currentPolicy(policies);
        let policy: Policy = base.policy;
        const done: { it: ReviewWhitelistItem; applied: AppliedEntry }[] = [];
        for (const given of req.items) {
          // Only the pairs the entry lets in become confirmed false positives.
          const it = {
            ...given,
            pairs: coveredPairs(given.precision, given.value, given.pairs, (p) => {
              const e = stats.evidenceRepo.get(p.client, p.senderDomain);
              return e?.evidence as EvidenceReport | undefined;
            }),
          };
          const entry = await entryOf(it, req.scope, opts);
          if (alreadyThere(policy, entry)) continue;
          const r = applyEntry(policy, entry);
          policy = r.policy;
          done.push({ it, applied: r.applied });
        }
        if (!done.length)
          throw new AppError(
            'CONFLICT',
            'The current policy already whitelists this exactly: nothing to change. Push it if a server still rejects the sender.',
          );
        const words = done.map((d) => entryWords(d.applied));
        const message = `Review: whitelisted ${words.join('; ')}`.slice(0, 500);
        const at = tools.now();
        return store.transaction(() => {
          const saved = savePolicyVersion(store, policies, policy, message, ctx.actor, tools, {
            action: 'review.whitelist',
            detail: { items: done.map((d) => d.it.key), entries: words, scope: req.scope },
          });
          const ids = done.map((d, i) =>
            repo.addDecision({
              itemKey: d.it.key,
              label: d.it.label,
              kind: 'whitelist',
              change: {
                summary: `Whitelisted ${words[i]}`,
                applied: d.applied,
                marks: mark(
                  d.it.pairs,
                  true,
                  req.note ?? `whitelisted: ${words[i]}`,
                  ctx.actor,
                  at,
                ),
                pairs: d.it.pairs,
              } satisfies DecisionChange,
              versionId: saved.versionId ?? null,
              note: req.note ?? '',
              actor: ctx.actor,
              decidedAt: at,
            }),
          );
          stats.changed();
          return {
            decisionIds: ids,
            ...(saved.versionId !== undefined ? { versionId: saved.versionId } : {}),
            message,
            pushServerIds: repo.serverIdsOf(done.flatMap((d) => d.it.pairs)),
          };
        });
      },
    },
    'review.dismiss': {
      request: z
        .object({
          items: z
            .array(z.object({ key, label, pairs: z.array(pair).max(1000) }).strict())
            .min(1)
            .max(500),
          note,
        })
        .strict(),
      run: (req, ctx, tools) => {
        const at = tools.now();
        const result = store.transaction(() => {
          const ids = req.items.map((it) =>
            repo.addDecision({
              itemKey: it.key,
              label: it.label,
              kind: 'dismiss',
              change: {
                summary: 'Dismissed as spam',
                marks: mark(it.pairs, false, req.note ?? 'dismissed as spam', ctx.actor, at),
                pairs: it.pairs,
              } satisfies DecisionChange,
              versionId: null,
              note: req.note ?? '',
              actor: ctx.actor,
              decidedAt: at,
            }),
          );
          tools.audit({
            target: req.items
              .map((i) => i.label)
              .join(', ')
              .slice(0, 300),
            detail: { items: req.items.map((i) => i.key), note: req.note ?? '' },
          });
          return {
            decisionIds: ids,
            message: `Dismissed ${req.items.length === 1 ? (req.items[0]?.label ?? '') : `${req.items.length} items`} as spam`,
            pushServerIds: [],
          };
        });
        stats.changed();
        return result;
      },
    },
    'review.undo': {
      request: z
        .object({ decisionIds: z.array(z.number().int().positive()).min(1).max(500) })
        .strict(),
      run: (req, ctx, tools) => {
        const rows = req.decisionIds.map((id) => {
          const d = repo.decision(id);
          if (!d) throw new AppError('NOT_FOUND', `Review decision ${id} does not exist.`);
          if (d.undoneAt !== null)
            throw new AppError('CONFLICT', `The decision on ${d.label} was already undone.`);
          return d;
        });
        let policy = currentPolicy(policies).policy;
        const reverted: string[] = [];
        const kept: string[] = [];
        for (const d of rows) {
          const c = d.change as DecisionChange;
          if (!c.applied) continue;
          const next = revertEntry(policy, c.applied);
          if (next) {
            policy = next;
            reverted.push(entryWords(c.applied));
          } else kept.push(d.label);
        }
        const at = tools.now();
        const result = store.transaction(() => {
          let versionId: number | undefined;
          const labels = rows.map((r) => r.label).join(', ');
          if (reverted.length) {
            const saved = savePolicyVersion(
              store,
              policies,
              policy,
              `Review: undid the whitelisting of ${reverted.join('; ')}`.slice(0, 500),
              ctx.actor,
              tools,
              { action: 'review.undo', detail: { decisions: req.decisionIds, reverted, kept } },
            );
            versionId = saved.versionId;
          } else
            tools.audit({
              target: labels.slice(0, 300),
              detail: { decisions: req.decisionIds, kept },
            });
          for (const d of rows) {
            restoreMarks((d.change as DecisionChange).marks);
            repo.markUndone(d.id, at);
          }
          return {
            decisionIds: req.decisionIds,
            ...(versionId !== undefined ? { versionId } : {}),
            message:
              `Undid ${labels}` +
              (kept.length
                ? ` (the policy no longer had the entry for ${kept.join(', ')}: nothing to remove there)`
                : ''),
            pushServerIds: repo.serverIdsOf(
              rows.flatMap((r) => (r.change as DecisionChange).pairs),
            ),
          };
        });
        stats.changed();
        return result;
      },
    },
  };
}
