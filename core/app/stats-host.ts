// The statistics side of the app, wired once per process: the store's readers and writer, the
// log tail of the managed servers (in the hosts that run for a while: the desktop app and
// browser mode, never a one-shot CLI command), false-positive evidence, retention every 15
// minutes, and the stats.changed / tail.status events — coalesced, so a busy log does not flood
// the UI, yet a new line reaches it within a fraction of a second. Runtime: Node.

import type { ApiEvent, AppApiEvents } from './api';
import { DnsClient } from '../net/dns-client';
import { TailManager } from '../servers/tail/tail-manager';
import type { FileTailOptions } from '../servers/tail/file-tail';
import type { ServersService } from '../servers/servers-service';
import { parseDnsServers, type Settings } from '../settings/schema';
import { EvidenceService } from '../stats/evidence/evidence-service';
import { NO_SENDER_CATALOG, type SenderCatalogLookup } from '../stats/evidence/sender-catalog';
import { applyRetention, type RetentionReport } from '../stats/retention';
import type { Store } from '../store/database';
import { EvidenceRepo } from '../store/evidence-repo';
import { LogSourcesRepo } from '../store/log-sources-repo';
import type { ServersRepo } from '../store/servers-repo';
import { StatsRepo } from '../store/stats-repo';
import { StatsWriter } from '../store/stats-writer';
import { ReviewRepo } from '../store/review-repo';
import { clientNetwork, parseIp } from '../net/ip';
import type { EvidenceReport } from './types/stats';

export interface StatsHostDeps {
  store: Store;
  serversRepo: ServersRepo;
  servers: ServersService;
  settings: () => Settings;
  now: () => number;
  emit: <E extends ApiEvent>(event: E, payload: AppApiEvents[E]) => void;
  log: (message: string, e?: unknown) => void;
  /** Follow the managed servers' logs in this process. */
  tail: boolean;
  catalog?: SenderCatalogLookup;
  fileOptions?: FileTailOptions;
}

const CHANGED_DELAY_MS = 25;
/** "Started being rejected": refused within this long, and not alerted on before. */
const RECENT_MS = 3600_000;
const RECENT_DELAY_MS = 500;
const MAINTENANCE_MS = 15 * 60_000;

export class StatsHost {
  readonly sources: LogSourcesRepo;
  readonly repo: StatsRepo;
  readonly writer: StatsWriter;
  readonly evidenceRepo: EvidenceRepo;
  readonly evidence: EvidenceService;
  readonly tail: TailManager | undefined;
  private changedSources = new Set<number>();
  private changedTimer: ReturnType<typeof setTimeout> | undefined;
  private recentTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly reviewRepo: ReviewRepo;
  private maintenance: ReturnType<typeof setInterval> | undefined;
  private dns: { key: string; client: DnsClient } | undefined;
  private pruning: Promise<RetentionReport> | undefined;
  private closed = false;

  constructor(private readonly deps: StatsHostDeps) {
    const db = deps.store.db;
    this.sources = new LogSourcesRepo(db);
    this.repo = new StatsRepo(db);
    this.writer = new StatsWriter(db);
    this.evidenceRepo = new EvidenceRepo(db);
    this.reviewRepo = new ReviewRepo(db);
    this.evidence = new EvidenceService({
      repo: this.evidenceRepo,
      dns: () => this.dnsClient(),
      catalog: deps.catalog ?? NO_SENDER_CATALOG,
      now: deps.now,
      onStored: () => this.changed(),
      onReport: (r) => this.maybeAlert(r),
      log: deps.log,
    });
    this.tail = deps.tail
      ? new TailManager({
          serversRepo: deps.serversRepo,
          servers: deps.servers,
          sources: this.sources,
          writer: this.writer,
          now: deps.now,
          status: (s) => deps.emit('tail.status', s),
          committed: (id) => {
            this.changed(id);
            this.gatherRecent();
          },
          log: deps.log,
          ...(deps.fileOptions ? { fileOptions: deps.fileOptions } : {}),
        })
      : undefined;
  }

  start(): void {
    if (!this.tail) return;
    this.tail.start();
    this.maintenance = setInterval(() => void this.prune().catch(() => undefined), MAINTENANCE_MS);
    this.maintenance.unref();
  }

  /** DNS for evidence, from the settings (one client per configuration, for its cache). */
  private dnsClient(): DnsClient {
    const key = this.deps.settings().dnsServers;
    if (this.dns?.key !== key)
      this.dns = { key, client: new DnsClient({ servers: parseDnsServers(key), timeoutMs: 2000 }) };
    return this.dns.client;
  }

  /** Background work (evidence, retention) runs in the long-running hosts only. */
  get background(): boolean {
    return this.deps.tail && !this.closed;
  }

  /** Announces new statistics (coalesced). */
  changed(sourceId?: number): void {
    if (this.closed) return;
    if (sourceId !== undefined) this.changedSources.add(sourceId);
    this.changedTimer ??= setTimeout(() => {
      this.changedTimer = undefined;
      if (this.closed) return;
      const sourceIds = [...this.changedSources];
      this.changedSources.clear();
      this.deps.emit('stats.changed', { revision: this.repo.revision(), sourceIds });
    }, CHANGED_DELAY_MS);
  }

  /**
   * New rejections get their evidence gathered straight away (not only when someone opens the
   * dashboard), so a wanted sender starting to be rejected is noticed while it happens.
   */
  private gatherRecent(): void {
    if (this.recentTimer || this.closed) return;
    this.recentTimer = setTimeout(() => {
      this.recentTimer = undefined;
      if (this.closed) return;
      const now = this.deps.now();
      this.evidence.enqueue(
        this.repo.pendingEvidence({ from: now - RECENT_MS, to: now + 60_000, sourceIds: [] }, 20),
      );
    }, RECENT_DELAY_MS);
  }

  /** Strong evidence for a pair refused within the hour: one alert per item, ever. */
  private maybeAlert(r: EvidenceReport): void {
    if (this.closed || !r.likely || r.mark) return;
    // Refused within the hour, and never alerted on before (in this store): it has started.
    const last = this.reviewRepo.lastRefusal(r.client, r.senderDomain);
    const now = this.deps.now();
    if (last === undefined || last < now - RECENT_MS) return;
    const ip = parseIp(r.client);
    const key = r.senderDomain
      ? `domain:${r.senderDomain}`
      : `network:${ip ? clientNetwork(ip, 24, 64) : r.client}`;
    if (!this.reviewRepo.alertOnce(key, now)) return;
    this.deps.emit('review.alert', {
      key,
      label: r.senderDomain || r.client,
      client: r.client,
      senderDomain: r.senderDomain,
      score: r.score,
      reasons: r.reasons,
      at: now,
    });
  }

  /** Retention and the size bound, one run at a time. */
  prune(): Promise<RetentionReport> {
    this.pruning ??= (async () => {
      const s = this.deps.settings();
      try {
        return await applyRetention(this.deps.store.db, {
          now: this.deps.now(),
          eventDays: s.statsEventDays,
          maxBytes: s.statsMaxMegabytes * 1024 * 1024,
        });
      } finally {
        this.pruning = undefined;
      }
    })();
    return this.pruning;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.maintenance);
    clearTimeout(this.changedTimer);
    clearTimeout(this.recentTimer);
    this.evidence.clear();
    await this.tail?.close();
  }
}
