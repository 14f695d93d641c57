// Cloud senders as they cross the API: providers (catalog and the user's), their current ranges
// (live, or the shipped snapshot — always said which, with its date), refresh reports and
// progress, and which provider an address or host name belongs to. Runtime: types only.

import type { CloudScope } from '../../policy/schema';

export type { CloudScope } from '../../policy/schema';
import type { PolicyChange } from '../../policy/diff';
import type { ExpansionDiff, ProviderExpansion } from '../../senders/types';

export type {
  ExpansionDiff,
  HostnameOrigin,
  ProviderExpansion,
  RangeOrigin,
  RangeSet,
  SpfIssue,
  SpfVisit,
} from '../../senders/types';

export type SenderCategoryName =
  'webmail' | 'bulk' | 'social' | 'commerce' | 'hosting' | 'saas' | 'security' | 'other';

export interface SenderProvider {
  /** Also the policy source name: cloud:<id>. */
  id: string;
  name: string;
  category: SenderCategoryName;
  spf: string[];
  hostnames: string[];
  alsoOwns: string[];
  notes: string;
  docs?: string;
  /** 'catalog': maintained by the project (read-only); 'user': added here. */
  origin: 'catalog' | 'user';
}

/** What the user types to add a provider (defaults: no host names, no notes). */
export interface SenderProviderInput {
  id: string;
  name: string;
  category: SenderCategoryName;
  spf?: string[];
  hostnames?: string[];
  alsoOwns?: string[];
  notes?: string;
  docs?: string;
}

export interface SenderDataInfo {
  /** 'snapshot': the shipped offline data of `asOf`; 'live': read from DNS at `asOf`. */
  origin: 'live' | 'snapshot';
  asOf: string;
  at: number;
  v4: number;
  v6: number;
  hostnames: number;
  /** IPv4 addresses covered (IPv6 counts are astronomical and say little). */
  v4Addresses: number;
  /** False when timeouts, DNS errors or snapshot gaps may have hidden ranges. */
  complete: boolean;
  errors: number;
  warnings: number;
  /** The last refresh changed the ranges (against the expansion before it, or the snapshot). */
  changed: boolean;
  /** Part of the ranges was kept from older data (live or the snapshot) the last refresh could not read. */
  carriedFrom?: { origin: 'live' | 'snapshot'; asOf: string };
}

export interface SenderSummary extends SenderProvider {
  data: SenderDataInfo;
  whitelist: WhitelistStatus;
}

/** The data a whitelisted provider's ranges were pinned from. */
export interface PinnedData {
  origin: 'live' | 'snapshot';
  expansionId?: number;
  asOf: string;
  ranges: number;
  hostnames: number;
}

/**
 * Whether a provider is whitelisted, with what, and whether the servers have it:
 * - off: not whitelisted;
 * - whitelisted: pinned at the provider's current data and pushed to every server;
 * - unpushed: the policy has it as it should be, some servers' last push does not;
 * - stale: the provider's ranges changed since they were pinned (and so since the last push).
 */
export interface WhitelistStatus {
  state: 'off' | 'whitelisted' | 'unpushed' | 'stale';
  scope?: CloudScope;
  pinned?: PinnedData;
  /** stale: what the current data adds and removes against the pinned ranges. */
  changes?: {
    added: string[];
    removed: string[];
    hostnamesAdded: string[];
    hostnamesRemoved: string[];
    current: { origin: 'live' | 'snapshot'; expansionId?: number; asOf: string };
  };
  /** Servers whose last applied push has this provider otherwise than the current policy (names). */
  unpushed: string[];
}

export interface WhitelistRequest {
  id: string;
  /** Default: the current scope when already whitelisted, else skip greylisting. */
  scope?: CloudScope;
}

/** A whitelist change: the new policy version and what it changed, in words. */
export interface WhitelistChange {
  versionId: number;
  message: string;
  changes: PolicyChange[];
  status: WhitelistStatus;
}

export interface SendersList {
  catalogVersion: string;
  snapshotDate: string;
  providers: SenderSummary[];
}

export interface ExpansionHistoryEntry {
  id: number;
  at: number;
  ms: number;
  lookups: number;
  complete: boolean;
  diff?: ExpansionDiff;
}

export interface SenderDetail {
  provider: SenderProvider;
  /** The newest live expansion, or the snapshot when it was never refreshed. */
  current: ProviderExpansion;
  /** Newest first (live expansions only). */
  history: ExpansionHistoryEntry[];
}

export interface SendersRefreshRequest {
  /** Chosen by the caller; progress events carry it. */
  runId: string;
  /** Providers to refresh (ids); absent: every provider. */
  ids?: string[];
  /** DNS servers instead of the settings', e.g. "127.0.0.1:5353". */
  dnsServers?: string;
  /** Providers expanded at once (default 16). */
  concurrency?: number;
  /** Per DNS query (default 2000 ms). */
  timeoutMs?: number;
}

export interface ProviderRefreshResult {
  id: string;
  ms: number;
  lookups: number;
  ranges: { v4: number; v6: number };
  hostnames: number;
  complete: boolean;
  changed: boolean;
  diff?: ExpansionDiff;
  /** Error-level issues (timeouts, DNS errors), as sentences. */
  errors: string[];
}

export interface SendersRefreshReport {
  runId: string;
  startedAt: number;
  /** Wall time of the whole refresh. */
  ms: number;
  /** DNS queries sent (not answered from the cache). */
  queries: number;
  /** DNS questions the expansions asked, summed over providers. */
  lookups: number;
  dnsServers: string[];
  providers: ProviderRefreshResult[];
  slowest?: { id: string; ms: number };
}

export interface SendersProgress {
  runId: string;
  providerId: string;
  state: 'running' | 'done' | 'failed';
  /** Providers finished so far, of `total`. */
  done: number;
  total: number;
  ms?: number;
  ranges?: number;
  message?: string;
}

export type SenderMatch =
  | {
      provider: string;
      name: string;
      match: 'range';
      range: string;
      origin: 'live' | 'snapshot';
      asOf: string;
    }
  | {
      provider: string;
      name: string;
      match: 'hostname';
      suffix: string;
      origin: 'live' | 'snapshot';
      asOf: string;
    };

/** A scheduled refresh changed whitelisted providers' ranges: shown with an offer to push. */
export interface SendersStaleEvent {
  providers: { id: string; name: string; added: number; removed: number }[];
  /** With automatic push on (Settings): what the scheduler did about it. */
  autoPush?: { versionId?: number; pushId?: string; outcome?: string; error?: string };
}
