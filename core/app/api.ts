// The AppApi contract: every call the UI can make and every event it can subscribe to.
// Runtime: types only. Both hosts (Electron IPC, browser-mode WebSocket) and the renderer
// compile against this file, so a change here is a change to all three at once.

import type { Settings } from '../settings/schema';
import type {
  ConnectionTestResult,
  InspectOutcome,
  ServerDetail,
  ServerInput,
  ServerProgress,
  ServerSummary,
} from './types/servers';
import type { CheckProgress, CheckReport, CheckRequest } from './types/check';
import type {
  CompiledConfig,
  ImportResultView,
  PolicyChange,
  PolicyPreview,
  PolicyRef,
  PolicyVersionInfo,
} from './types/policy';
import type { Policy } from '../policy/schema';
import type {
  ProviderExpansion,
  SenderDetail,
  SenderMatch,
  SenderProvider,
  SenderProviderInput,
  SendersList,
  SendersProgress,
  SendersRefreshReport,
  SendersRefreshRequest,
  SendersStaleEvent,
  WhitelistChange,
  WhitelistRequest,
} from './types/senders';
import type {
  DashboardData,
  DashboardRequest,
  EvidenceReport,
  IngestProgress,
  IngestRequest,
  IngestResult,
  LogSourceInfo,
  MarkRequest,
  TailStatus,
} from './types/stats';
import type {
  GreylistDelayRow,
  ReviewAlert,
  ReviewChange,
  ReviewDismissRequest,
  ReviewItemDetail,
  ReviewQueue,
  ReviewQueueRequest,
  ReviewWhitelistRequest,
} from './types/review';
import type { DriftReport, PushPlan, PushProgress, PushRequest, PushSummary } from './types/push';

export type { Settings } from '../settings/schema';
export type { Policy } from '../policy/schema';
export type * from './types/servers';
export type * from './types/check';
export type * from './types/policy';
export type * from './types/senders';
export type * from './types/stats';
export type * from './types/push';
export type * from './types/review';

/** Error codes that cross the API boundary. The renderer switches on these, never on messages. */
export type ApiErrorCode =
  | 'INVALID_REQUEST'
  | 'UNKNOWN_METHOD'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAVAILABLE'
  | 'DISCONNECTED'
  | 'TIMEOUT'
  | 'STORE_TOO_NEW'
  | 'STORE_INVALID'
  // Reaching managed servers over SSH:
  | 'UNREACHABLE'
  | 'HOST_KEY_UNKNOWN'
  | 'HOST_KEY_CHANGED'
  | 'HOST_KEY_REVOKED'
  | 'AUTH_FAILED'
  | 'PASSPHRASE_REQUIRED'
  | 'PERMISSION_DENIED'
  | 'COMMAND_FAILED'
  // A long operation stopped on request:
  | 'CANCELLED'
  | 'INTERNAL';

export interface ApiError {
  code: ApiErrorCode;
  /** One or two sentences a sysadmin can act on. */
  message: string;
  /** Structured detail (validation issues, server output); shown on demand, never parsed for logic. */
  detail?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---------------------------------------------------------------------------------------------
// Values

export type HostKind = 'electron' | 'browser' | 'cli';

export interface SecretsInfo {
  /** 'os' = encrypted with the OS keychain (Electron safeStorage); 'memory' = never written. */
  backend: 'os' | 'memory';
  persistent: boolean;
  /** Human-readable explanation shown on the About page. */
  description: string;
}

export interface AppInfo {
  name: string;
  version: string;
  host: HostKind;
  dataDir: string;
  databasePath: string;
  schemaVersion: number;
  /** Highest schema version this build knows; equal to schemaVersion after migration. */
  latestSchemaVersion: number;
  secrets: SecretsInfo;
  runtime: { node: string; electron?: string; chrome?: string; platform: string; arch: string };
}

export interface AuditEntry {
  id: number;
  /** Milliseconds since the epoch (UTC). */
  time: number;
  /** Who did it: 'gui:electron', 'gui:browser', 'cli', 'system'. */
  actor: string;
  /** Dotted verb, e.g. 'settings.set'. */
  action: string;
  /** What it was done to (a settings key, a server name, a policy version); '' when global. */
  target: string;
  detail: Record<string, unknown>;
}

export interface AuditListRequest {
  /** Newest first; at most 500 per page. */
  limit?: number;
  /** Return entries with id < before (paging). */
  before?: number;
  /** Prefix match on the action, e.g. 'settings.'. */
  action?: string;
  /** Case-insensitive substring over action, target, actor and detail. */
  search?: string;
}

export interface AuditListResponse {
  entries: AuditEntry[];
  /** Number of entries matching the filter (all pages). */
  total: number;
  /** Pass as `before` to get the next page; absent on the last page. */
  nextBefore?: number;
}

export interface AuditActivityRequest {
  /** Number of days back from today (UTC), 1..366. */
  days?: number;
}

export interface AuditActivityDay {
  /** YYYY-MM-DD (UTC). */
  day: string;
  count: number;
}

// ---------------------------------------------------------------------------------------------
// Calls: method name → request and response. 'kind' says whether the call changes state;
// every mutation writes exactly one audit row (the service enforces it).

export interface AppApiCalls {
  'app.info': { request: void; response: AppInfo; kind: 'query' };
  'settings.get': { request: void; response: Settings; kind: 'query' };
  'settings.set': { request: Partial<Settings>; response: Settings; kind: 'mutation' };
  'audit.list': { request: AuditListRequest; response: AuditListResponse; kind: 'query' };
  'audit.activity': {
    request: AuditActivityRequest;
    response: AuditActivityDay[];
    kind: 'query';
  };

  'servers.list': { request: void; response: ServerSummary[]; kind: 'query' };
  'servers.get': { request: { id: number }; response: ServerDetail; kind: 'query' };
  /** Host aliases from the ssh config, for "add by alias". */
  'servers.sshAliases': {
    request: void;
    response: { configPath: string; aliases: string[] };
    kind: 'query';
  };
  'servers.add': { request: ServerInput; response: ServerSummary; kind: 'mutation' };
  'servers.update': {
    request: { id: number } & Partial<ServerInput>;
    response: ServerSummary;
    kind: 'mutation';
  };
  'servers.remove': { request: { id: number }; response: { id: number }; kind: 'mutation' };
  /** Connects, checks the host key, detects root/sudo. Fails with HOST_KEY_UNKNOWN on first contact. */
  'servers.test': { request: ConnectRequest; response: ConnectionTestResult; kind: 'mutation' };
  /** Pins exactly the key the server presented at the last attempt, if its fingerprint is this one. */
  'servers.trustHostKey': {
    request: { id: number; fingerprint: string };
    response: { id: number; fingerprint: string; knownHostsFile: string };
    kind: 'mutation';
  };
  /** Reads each server's configuration (read-only); progress arrives as servers.progress events. */
  'servers.inspect': {
    request: { ids: number[]; passphrases?: PassphraseEntry[] };
    response: InspectOutcome[];
    kind: 'mutation';
  };

  /** The policy in force: the newest saved version, or the Balanced template before any save. */
  'policy.current': { request: void; response: CurrentPolicy; kind: 'query' };
  /** Validates and saves a new version, which becomes the current policy. */
  'policy.save': {
    /** baseVersionId: the version the draft was edited from; a newer one saved meanwhile is a CONFLICT. */
    request: { policy: unknown; message: string; baseVersionId?: number | null };
    response: CurrentPolicy;
    kind: 'mutation';
  };
  'policy.versions': { request: void; response: PolicyVersionInfo[]; kind: 'query' };
  'policy.version': {
    request: { id: number };
    response: PolicyVersionInfo & { policy: Policy };
    kind: 'query';
  };
  /** What changed between two policies, in words. */
  'policy.diff': {
    request: { from: PolicyRef; to: PolicyRef };
    response: PolicyChange[];
    kind: 'query';
  };
  /** Makes an earlier version current again (saved as a new version). */
  'policy.revert': {
    request: { versionId: number; message?: string };
    response: CurrentPolicy;
    kind: 'mutation';
  };
  /** A server's current configuration as a policy, with what could not be represented. Read-only. */
  'policy.importServer': {
    request: { serverId: number };
    response: ImportResultView;
    kind: 'query';
  };
  /** The files and settings a policy compiles to, for a server (from its inspection) or a named profile. */
  'policy.compile': {
    request: { policy: PolicyRef; serverId?: number; profile?: string };
    response: CompiledConfig;
    kind: 'query';
  };
  /** The compiled files and main.cf settings beside what the server has now (read over SSH). */
  'policy.preview': {
    request: { policy: PolicyRef; serverId: number };
    response: PolicyPreview;
    kind: 'query';
  };
  /** What would the servers do with this client, and why; results stream as check.progress events. */
  'check.run': { request: CheckRequest; response: CheckReport; kind: 'query' };

  /** Cloud senders with their current data: live (dated) or the shipped snapshot (dated). */
  'senders.list': { request: void; response: SendersList; kind: 'query' };
  'senders.get': { request: { id: string }; response: SenderDetail; kind: 'query' };
  /** Which cloud sender an address (its ranges) or a verified host name (its suffixes) belongs to. */
  'senders.lookup': { request: { target: string }; response: SenderMatch | null; kind: 'query' };
  /** Expands one provider's SPF live and stores it (with its diff); progress as senders.progress. */
  'senders.expand': {
    request: { id: string; runId?: string; dnsServers?: string; timeoutMs?: number };
    response: ProviderExpansion;
    kind: 'mutation';
  };
  /** Expands every provider (or those named) live, in parallel; progress as senders.progress. */
  'senders.refresh': {
    request: SendersRefreshRequest;
    response: SendersRefreshReport;
    kind: 'mutation';
  };
  /** The user's own providers (catalog entries are read-only). */
  'senders.add': { request: SenderProviderInput; response: SenderProvider; kind: 'mutation' };
  'senders.update': {
    request: { id: string } & Partial<Omit<SenderProviderInput, 'id' | 'docs'>> & {
        docs?: string | null;
      };
    response: SenderProvider;
    kind: 'mutation';
  };
  'senders.remove': { request: { id: string }; response: { id: string }; kind: 'mutation' };
  /**
   * Whitelists a provider in one click: a new policy version pinning its current ranges and host
   * names with a scope (default: skip greylisting). On a whitelisted provider, re-pins its current
   * data (after a refresh changed it) or changes the scope. The push is a separate step.
   */
  'senders.whitelist': { request: WhitelistRequest; response: WhitelistChange; kind: 'mutation' };
  /** Stops whitelisting a provider: a new policy version without it. */
  'senders.unwhitelist': { request: { id: string }; response: WhitelistChange; kind: 'mutation' };
  /** Where statistics come from: managed servers and offline imports, with their line counts. */
  'stats.sources': { request: void; response: LogSourceInfo[]; kind: 'query' };
  /** Everything the dashboard shows for a range and a set of sources. */
  'stats.dashboard': { request: DashboardRequest; response: DashboardData; kind: 'query' };
  /** Why a rejected client/sender was probably wanted (computed on first request, then cached). */
  'stats.evidence': {
    request: { client: string; senderDomain?: string; sender?: string; refresh?: boolean };
    response: EvidenceReport;
    kind: 'query';
  };
  /** The admin's verdict on a client and/or sender domain: wanted (a false positive) or not. */
  'stats.mark': {
    request: MarkRequest;
    response: { client: string; senderDomain: string; wanted: boolean; note: string };
    kind: 'mutation';
  };
  /** Refused senders grouped by provider, organisation or network, likeliest wanted first. */
  'review.queue': { request: ReviewQueueRequest; response: ReviewQueue; kind: 'query' };
  /** One item: its newest log lines, the Check IP verdict today, the precisions it allows. */
  'review.item': {
    request: { key: string; from: number; to: number };
    response: ReviewItemDetail;
    kind: 'query';
  };
  /** Mail greylisting delayed, per provider or sender domain, with what to except. */
  'review.greylist': {
    request: { from: number; to: number };
    response: GreylistDelayRow[];
    kind: 'query';
  };
  /**
   * Whitelists items at a precision and scope: one new policy version (audited), the items'
   * pairs marked as wanted (confirmed false positives). The push is a separate step: the
   * response names the servers that rejected them.
   */
  'review.whitelist': { request: ReviewWhitelistRequest; response: ReviewChange; kind: 'mutation' };
  /** Marks items as confirmed spam (not wanted); they leave the queue. */
  'review.dismiss': { request: ReviewDismissRequest; response: ReviewChange; kind: 'mutation' };
  /** Undoes decisions: their entries leave the policy (a new version), their marks are restored. */
  'review.undo': {
    request: { decisionIds: number[] };
    response: ReviewChange;
    kind: 'mutation';
  };
  /** Imports a mail log file from this machine; progress arrives as stats.ingestProgress events. */
  'stats.ingest': { request: IngestRequest; response: IngestResult; kind: 'mutation' };
  /** Applies retention and the size bound now (otherwise done every 15 minutes). */
  'stats.prune': {
    request: void;
    response: { deletedEvents: number; deletedRollups: number; usedBytes: number };
    kind: 'mutation';
  };
  /** How each managed server's log is being followed. */
  'tail.status': { request: void; response: TailStatus[]; kind: 'query' };
  /** Turns following a server's log on or off. */
  'tail.setEnabled': {
    request: { serverId: number; enabled: boolean };
    response: { serverId: number; enabled: boolean };
    kind: 'mutation';
  };
  /** Per server: the diff a push would make and any drift — shown before every push. */
  'push.plan': {
    request: Pick<PushRequest, 'serverIds' | 'tag' | 'all' | 'policyVersionId'>;
    response: PushPlan;
    kind: 'query';
  };
  /**
   * Pushes a policy version (default: the current one) to servers: canary first, then the rest;
   * resolves when every server is done. Progress arrives as push.progress events.
   */
  'push.run': {
    request: PushRequest & { passphrases?: PassphraseEntry[] };
    response: PushSummary;
    kind: 'mutation';
  };
  /** Stops a running push before the swap on servers not yet swapped. */
  'push.cancel': {
    request: { pushId: string };
    response: { cancelled: boolean };
    kind: 'mutation';
  };
  'push.list': {
    request: { serverId?: number; limit?: number } | undefined;
    response: PushSummary[];
    kind: 'query';
  };
  'push.get': { request: { id: string }; response: PushSummary; kind: 'query' };
  /** What was changed on a server behind mxwarden's back since its last push. */
  'push.drift': { request: { serverId: number }; response: DriftReport; kind: 'query' };
}

export interface CurrentPolicy {
  source: 'saved' | 'template';
  versionId?: number;
  savedAt?: number;
  name: string;
  policy: Policy;
}

export interface PassphraseEntry {
  keyPath: string;
  passphrase: string;
  /** Keep it in the secret store (OS keychain in the desktop app, memory in browser mode). */
  remember?: boolean;
}

export interface ConnectRequest {
  id: number;
  passphrases?: PassphraseEntry[];
}

export type ApiMethod = keyof AppApiCalls;
export type ApiRequest<M extends ApiMethod> = AppApiCalls[M]['request'];
export type ApiResponse<M extends ApiMethod> = AppApiCalls[M]['response'];

// ---------------------------------------------------------------------------------------------
// Events: name → payload.

/** A command from the host's chrome (the Electron menu) to the UI. */
export type UiCommand =
  | { type: 'navigate'; path: string }
  | { type: 'theme'; theme: Settings['theme'] }
  | { type: 'shortcuts' };

export interface AppApiEvents {
  'audit.appended': AuditEntry;
  'settings.changed': Settings;
  'ui.command': UiCommand;
  /** The inventory changed (added, edited, removed, new status or inspection). */
  'servers.changed': { ids: number[] };
  'servers.progress': ServerProgress;
  'check.progress': CheckProgress;
  /** A new policy version was saved (here, or by another process sharing the store). */
  'policy.changed': { versionId: number };
  /** A refresh or an expansion is under way: one event as each provider starts and ends. */
  'senders.progress': SendersProgress;
  /** Providers or their data changed (refreshed, added, edited, removed). */
  'senders.changed': { ids: string[] };
  /** A scheduled refresh changed the ranges of whitelisted providers (and maybe pushed them). */
  'senders.stale': SendersStaleEvent;
  /** New statistics were written (sourceIds empty: by another process, sources unknown). */
  'stats.changed': { revision: number; sourceIds: number[] };
  'stats.ingestProgress': IngestProgress;
  /** A server's log tail changed state or made progress. */
  'tail.status': TailStatus;
  'push.progress': PushProgress;
  /** A sender with strong evidence of being wanted started being rejected (once per item). */
  'review.alert': ReviewAlert;
  /** A push started or ended (here or in another window of this process). */
  'push.changed': { pushId: string; outcome: PushSummary['outcome'] };
}

export type ApiEvent = keyof AppApiEvents;

// ---------------------------------------------------------------------------------------------
// The surface the renderer sees (window.mxwarden under Electron, the WebSocket bridge otherwise).

export type CallArgs<M extends ApiMethod> =
  ApiRequest<M> extends void ? [] : [request: ApiRequest<M>];

export interface AppApi {
  call<M extends ApiMethod>(method: M, ...args: CallArgs<M>): Promise<Result<ApiResponse<M>>>;
  /** Returns the unsubscribe function. */
  subscribe<E extends ApiEvent>(event: E, listener: (payload: AppApiEvents[E]) => void): () => void;
}
