// Cloud senders for the app: the providers (catalog + the user's), each one's current ranges (the
// newest live expansion, else the shipped snapshot — always labelled), refreshes that store each
// expansion with its diff against the one before, the user's own providers, and providerOf over
// the current data. Runtime: Node.

import { AppError } from '../app/result';
import { parseOrThrow } from '../app/validation';
import type {
  ProviderRefreshResult,
  SenderDetail,
  SenderMatch,
  SenderProvider,
  SenderSummary,
  SendersList,
  SendersRefreshReport,
  WhitelistStatus,
} from '../app/types/senders';
import type { Policy } from '../policy/schema';
import type { SendersRepo } from '../store/senders-repo';
import { carryOver } from './carry-over';
import { CATALOG_VERSION } from './catalog';
import { expansionDiff, isUnchanged } from './expansion-diff';
import { buildProviderIndex, type ProviderIndex } from './provider-index';
import {
  providerInput,
  providerPatch,
  type Provider,
  type ProviderInput,
  type ProviderPatch,
} from './provider-schema';
import { catalogProviders, spfOwners, userProvider } from './providers';
import { addressCount } from './ranges';
import { refreshProviders, type ProviderRun } from './refresh';
import { SNAPSHOT_DATE } from './snapshot';
import { snapshotExpansion } from './snapshot-expansion';
import type { ProviderExpansion } from './types';
import { whitelistStatus, type PushedPolicy } from './whitelist';

export interface WhitelistContext {
  policy: Policy;
  pushed: readonly PushedPolicy[];
}

export interface SendersServiceDeps {
  repo: SendersRepo;
  now: () => number;
}

export interface RefreshCall {
  runId: string;
  ids?: string[];
  servers: string[];
  concurrency?: number;
  timeoutMs?: number;
  onProgress?: (p: {
    providerId: string;
    state: 'running' | 'done' | 'failed';
    done: number;
    total: number;
    ms?: number;
    ranges?: number;
    message?: string;
  }) => void;
}

const view = (p: Provider): SenderProvider => ({
  id: p.id,
  name: p.name,
  category: p.category,
  spf: [...p.spf],
  hostnames: [...p.hostnames],
  alsoOwns: [...p.alsoOwns],
  notes: p.notes,
  ...(p.docs ? { docs: p.docs } : {}),
  origin: p.origin,
});

function summary(p: Provider, e: ProviderExpansion, whitelist: WhitelistStatus): SenderSummary {
  return {
    ...view(p),
    whitelist,
    data: {
      origin: e.origin,
      asOf: e.asOf,
      at: e.at,
      v4: e.ranges.v4.length,
      v6: e.ranges.v6.length,
      hostnames: e.hostnames.length,
      v4Addresses: Number(addressCount(e.ranges.v4)),
      complete: e.complete,
      errors: e.issues.filter((i) => i.severity === 'error').length,
      warnings: e.issues.filter((i) => i.severity === 'warning').length,
      changed: e.diff ? !isUnchanged(e.diff) : false,
      ...(e.carried ? { carriedFrom: { origin: e.carried.from, asOf: e.carried.asOf } } : {}),
    },
  };
}

export class SendersService {
  private readonly snapshots = new Map<string, Promise<ProviderExpansion>>();
  private index: { key: string; index: ProviderIndex } | undefined;

  constructor(private readonly deps: SendersServiceDeps) {}

  providers(): Provider[] {
    const user = this.deps.repo.userProviders().map((u) => userProvider(u.definition));
    return [...catalogProviders(), ...user];
  }

  private provider(id: string): Provider {
    const p = this.providers().find((x) => x.id === id);
    if (!p)
      throw new AppError(
        'NOT_FOUND',
        `There is no cloud sender "${id}" (see the Senders page or \`mxwarden senders list\`).`,
      );
    return p;
  }

  /** Finds a provider by id or by name, case-insensitively (for the CLI). */
  resolve(nameOrId: string): Provider {
    const key = nameOrId.trim().toLowerCase();
    const all = this.providers();
    const p =
      all.find((x) => x.id === key) ??
      all.find((x) => x.name.toLowerCase() === key) ??
      (() => {
        const partial = all.filter((x) => x.name.toLowerCase().includes(key));
        return partial.length === 1 ? partial[0] : undefined;
      })();
    if (!p)
      throw new AppError(
        'NOT_FOUND',
        `There is no cloud sender "${nameOrId}" (see \`mxwarden senders list\`).`,
      );
    return p;
  }

  private snapshotOf(p: Provider, owners: ReadonlyMap<string, string>): Promise<ProviderExpansion> {
    // Keyed by the definition too: a user's edited provider gets a fresh (empty) snapshot.
    const key = `${p.id} ${JSON.stringify(p.spf)} ${JSON.stringify(p.hostnames)}`;
    let s = this.snapshots.get(key);
    if (!s) {
      s = snapshotExpansion(p, owners);
      this.snapshots.set(key, s);
    }
    return s;
  }

  /** Each provider's current data: its newest live expansion, or the snapshot. */
  async current(providers = this.providers()): Promise<Map<string, ProviderExpansion>> {
    const latest = this.deps.repo.latest();
    const owners = spfOwners(providers);
    const out = new Map<string, ProviderExpansion>();
    for (const p of providers)
      out.set(p.id, latest.get(p.id) ?? (await this.snapshotOf(p, owners)));
    return out;
  }

  /** Every provider with its data and, given the policy and what servers have, its whitelist status. */
  async list(fleet: WhitelistContext): Promise<SendersList> {
    const providers = this.providers();
    const current = await this.current(providers);
    return {
      catalogVersion: CATALOG_VERSION,
      snapshotDate: SNAPSHOT_DATE,
      providers: providers.map((p) => {
        const e = current.get(p.id) as ProviderExpansion;
        return summary(p, e, whitelistStatus(p.id, fleet.policy, e, fleet.pushed));
      }),
    };
  }

  /** The provider's current data, for pinning it into the policy. */
  async currentOf(id: string): Promise<{ provider: Provider; current: ProviderExpansion }> {
    const p = this.provider(id);
    const current =
      this.deps.repo.latestOf(p.id) ?? (await this.snapshotOf(p, spfOwners(this.providers())));
    return { provider: p, current };
  }

  async detail(id: string): Promise<SenderDetail> {
    const providers = this.providers();
    const p = this.provider(id);
    const current =
      this.deps.repo.latestOf(p.id) ?? (await this.snapshotOf(p, spfOwners(providers)));
    return { provider: view(p), current, history: this.deps.repo.history(p.id) };
  }

  async refresh(
    call: RefreshCall,
  ): Promise<{ report: SendersRefreshReport; stored: ProviderExpansion[] }> {
    const all = this.providers();
    const owners = spfOwners(all);
    const chosen = call.ids ? call.ids.map((id) => this.provider(id)) : all;
    const wanted = chosen.filter((p) => p.spf.length > 0 || p.hostnames.length > 0);
    const total = wanted.length;
    let done = 0;
    const startedAt = this.deps.now();
    const run = await refreshProviders(wanted, {
      servers: call.servers,
      owners,
      ...(call.concurrency !== undefined ? { concurrency: call.concurrency } : {}),
      ...(call.timeoutMs !== undefined ? { timeoutMs: call.timeoutMs } : {}),
      onStart: (p) => call.onProgress?.({ providerId: p.id, state: 'running', done, total }),
      onDone: (p, r) => {
        done++;
        const errors = r.expansion.issues.filter((i) => i.severity === 'error');
        call.onProgress?.({
          providerId: p.id,
          state:
            errors.length > 0 && r.expansion.ranges.v4.length + r.expansion.ranges.v6.length === 0
              ? 'failed'
              : 'done',
          done,
          total,
          ms: r.ms,
          ranges: r.expansion.ranges.v4.length + r.expansion.ranges.v6.length,
          ...(errors[0] ? { message: errors[0].message } : {}),
        });
      },
    });
    const stored: ProviderExpansion[] = [];
    const results: ProviderRefreshResult[] = [];
    const servers = run.servers.join(', ');
    for (const r of run.runs) stored.push(await this.store(r, servers, owners));
    for (const e of stored) {
      const r = run.runs.find((x) => x.provider.id === e.providerId) as ProviderRun;
      results.push({
        id: e.providerId,
        ms: r.ms,
        lookups: e.lookups,
        ranges: { v4: e.ranges.v4.length, v6: e.ranges.v6.length },
        hostnames: e.hostnames.length,
        complete: e.complete,
        changed: e.diff ? !isUnchanged(e.diff) : false,
        ...(e.diff ? { diff: e.diff } : {}),
        errors: e.issues.filter((i) => i.severity === 'error').map((i) => i.message),
      });
    }
    const slowest = [...results].sort((a, b) => b.ms - a.ms)[0];
    this.index = undefined;
    return {
      stored,
      report: {
        runId: call.runId,
        startedAt,
        ms: run.ms,
        queries: run.queries,
        lookups: results.reduce((n, r) => n + r.lookups, 0),
        dnsServers: run.servers,
        providers: results,
        ...(slowest ? { slowest: { id: slowest.id, ms: slowest.ms } } : {}),
      },
    };
  }

  /** Stores a live expansion with its diff against the previous one (or the snapshot). */
  private async store(
    r: ProviderRun,
    servers: string,
    owners: ReadonlyMap<string, string>,
  ): Promise<ProviderExpansion> {
    const before =
      this.deps.repo.latestOf(r.provider.id) ?? (await this.snapshotOf(r.provider, owners));
    const expansion = carryOver(before, r.expansion);
    const e: ProviderExpansion = {
      ...expansion,
      providerId: r.provider.id,
      origin: 'live',
      at: r.startedAt,
      asOf: new Date(r.startedAt).toISOString(),
      source: servers ? `DNS ${servers}` : 'DNS (system resolver)',
      ms: r.ms,
      diff: expansionDiff(before, expansion),
    };
    return this.deps.repo.addExpansion(e, servers);
  }

  async lookup(target: string): Promise<SenderMatch | null> {
    const providers = this.providers();
    const key = `${this.deps.repo.lastExpansionId()} ${providers.map((p) => `${p.id}:${p.spf.join(',')}:${p.hostnames.join(',')}`).join(' ')}`;
    if (this.index?.key !== key) {
      const current = await this.current(providers);
      this.index = {
        key,
        index: buildProviderIndex(
          providers.map((p) => {
            const e = current.get(p.id) as ProviderExpansion;
            return {
              id: p.id,
              name: p.name,
              origin: e.origin,
              asOf: e.asOf,
              ranges: e.ranges,
              hostnames: e.hostnames.map((h) => h.suffix),
            };
          }),
        ),
      };
    }
    return this.index.index.providerOf(target) ?? null;
  }

  add(input: ProviderInput, now: number): SenderProvider {
    const parsed = parseOrThrow(providerInput, input, 'The cloud sender');
    if (this.providers().some((p) => p.id === parsed.id))
      throw new AppError(
        'CONFLICT',
        `A cloud sender with the id "${parsed.id}" already exists. Choose another id.`,
        { field: 'id' },
      );
    this.deps.repo.saveUserProvider(parsed, now);
    return view(userProvider(parsed));
  }

  update(
    id: string,
    patch: ProviderPatch,
    now: number,
  ): { before: SenderProvider; after: SenderProvider } {
    const p = this.provider(id);
    if (p.origin !== 'user')
      throw new AppError(
        'FORBIDDEN',
        `${p.name} is part of the catalog the project maintains; it cannot be edited. Add your own provider instead.`,
      );
    const changes = parseOrThrow(providerPatch, patch, 'The change');
    const { docs, ...rest } = changes;
    const { origin: _origin, ...definition } = p;
    const { docs: oldDocs, ...kept } = definition;
    const next = parseOrThrow(
      providerInput,
      {
        ...kept,
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        ...(docs === null ? {} : docs !== undefined ? { docs } : oldDocs ? { docs: oldDocs } : {}),
      },
      `${p.name}`,
    );
    this.deps.repo.saveUserProvider(next, now);
    return { before: view(p), after: view(userProvider(next)) };
  }

  remove(id: string): SenderProvider {
    const p = this.provider(id);
    if (p.origin !== 'user')
      throw new AppError(
        'FORBIDDEN',
        `${p.name} is part of the catalog the project maintains; it cannot be removed.`,
      );
    this.deps.repo.removeUserProvider(id);
    return view(p);
  }
}
