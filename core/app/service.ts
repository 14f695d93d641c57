// The AppApi implementation both hosts bind: validates every request, runs its handler, turns
// errors into values, and makes each mutation leave exactly one audit row. Runtime: Node.

import type { ApiMethod, ApiResponse, AppInfo, HostKind, Result } from './api';
import { EventBus } from './event-bus';
import { watchExternalChanges } from './external-changes';
import type { CallContext, HandlerTable, HandlerTools } from './handler';
import { appHandlers } from './handlers/app-handlers';
import { auditHandlers } from './handlers/audit-handlers';
import { checkHandlers } from './handlers/check-handlers';
import { policyHandlers } from './handlers/policy-handlers';
import { sendersHandlers } from './handlers/senders-handlers';
import { pushHandlers } from './handlers/push-handlers';
import { serversHandlers } from './handlers/servers-handlers';
import { settingsHandlers } from './handlers/settings-handlers';
import { statsHandlers } from './handlers/stats-handlers';
import { reviewHandlers } from './handlers/review-handlers';
import { tailHandlers } from './handlers/tail-handlers';
import { API_METHODS, isApiMethod } from './methods';
import { fail, ok, toApiError } from './result';
import { issueSentence, issuesOf } from './validation';
import type { SecretStore } from '../secrets/secret-store';
import { AuditRepo } from '../store/audit-repo';
import type { Store } from '../store/database';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import { ServersService } from '../servers/servers-service';
import { PolicyRepo } from '../store/policy-repo';
import { SendersRepo } from '../store/senders-repo';
import { SendersService } from '../senders/senders-service';
import { PushRepo } from '../store/push-repo';
import { PushService, type PushServiceDeps } from '../servers/push/push-service';
import { ServersRepo } from '../store/servers-repo';
import { SettingsRepo } from '../store/settings-repo';
import { StatsHost } from './stats-host';
import type { FileTailOptions } from '../servers/tail/file-tail';
import type { SenderCatalogLookup } from '../stats/evidence/sender-catalog';
import { APP_NAME, appVersion } from './version';

export interface AppServiceDeps {
  store: Store;
  secrets: SecretStore;
  host: HostKind;
  dataDir: string;
  now?: () => number;
  /** Versions the host knows beyond Node's (Electron, Chrome). */
  runtime?: { electron?: string; chrome?: string };
  log?: (message: string, error?: unknown) => void;
  /** How often to look for changes made by other processes; 0 turns it off. */
  watchIntervalMs?: number;
  /** Where ~ is, for ~/.ssh (tests point it at a temporary home). */
  home?: string;
  /** Follow the managed servers' logs in this process (the long-running hosts do). */
  tail?: boolean;
  /** Tests: faster polling of followed logs. */
  tailOptions?: FileTailOptions;
  /** The large senders' ranges for evidence (default: the cloud senders' catalog). */
  senderCatalog?: SenderCatalogLookup;
  /** For tests: real faults injected at the steps of every push. */
  pushHooks?: PushServiceDeps['hooks'];
}

export interface AppService {
  call<M extends ApiMethod>(
    method: M,
    request: unknown,
    ctx: CallContext,
  ): Promise<Result<ApiResponse<M>>>;
  /** For hosts receiving untrusted method names (IPC, WebSocket). */
  callUnchecked(method: unknown, request: unknown, ctx: CallContext): Promise<Result<unknown>>;
  readonly events: EventBus;
  readonly secrets: SecretStore;
  info(): AppInfo;
  /** Stops the log tail and closes the store; `closed` settles when the tail has stopped. */
  close(): void;
  readonly closed: Promise<void>;
}

export function createAppService(deps: AppServiceDeps): AppService {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((m: string, e?: unknown) => console.error(m, e ?? ''));
  const events = new EventBus((e) => log('event listener failed', e));
  const auditRepo = new AuditRepo(deps.store.db);
  const stopWatching =
    deps.watchIntervalMs === 0
      ? () => {}
      : watchExternalChanges(
          deps.store,
          events,
          auditRepo,
          new SettingsRepo(deps.store.db),
          deps.watchIntervalMs ?? 1000,
        );

  const info = (): AppInfo => ({
    name: APP_NAME,
    version: appVersion(),
    host: deps.host,
    dataDir: deps.dataDir,
    databasePath: deps.store.path,
    schemaVersion: deps.store.schemaVersion,
    latestSchemaVersion: LATEST_SCHEMA_VERSION,
    secrets: deps.secrets.info,
    runtime: {
      node: process.versions.node,
      ...deps.runtime,
      platform: process.platform,
      arch: process.arch,
    },
  });

  const settingsRepo = new SettingsRepo(deps.store.db);
  const serversRepo = new ServersRepo(deps.store.db);
  const policyRepo = new PolicyRepo(deps.store.db);
  const servers = new ServersService({
    repo: serversRepo,
    secrets: deps.secrets,
    settings: () => settingsRepo.getAll(),
    now,
    emit: (event, payload) => events.emit(event, payload),
    ...(deps.home ? { home: deps.home } : {}),
  });

  const senders = new SendersService({ repo: new SendersRepo(deps.store.db), now });
  const stats = new StatsHost({
    store: deps.store,
    serversRepo,
    servers,
    settings: () => settingsRepo.getAll(),
    now,
    emit: (event, payload) => events.emit(event, payload),
    log,
    tail: deps.tail ?? false,
    // Evidence "inside a known large sender's ranges" comes from the cloud senders' catalog.
    catalog: deps.senderCatalog ?? {
      ownerOf: async (address) => {
        const m = await senders.lookup(address).catch(() => null);
        return m?.match === 'range' ? m.name : undefined;
      },
    },
    ...(deps.tailOptions ? { fileOptions: deps.tailOptions } : {}),
  });
  events.subscribe('servers.changed', () => stats.tail?.sync());
  events.subscribe('settings.changed', () => void stats.prune().catch(() => undefined));
  const pushRepo = new PushRepo(deps.store.db);
  const pushes = new PushService({
    servers,
    serversRepo,
    policies: policyRepo,
    pushes: pushRepo,
    emit: (event, payload) => events.emit(event, payload),
    now,
    appVersion: appVersion(),
    ...(deps.pushHooks ? { hooks: deps.pushHooks } : {}),
  });

  const check = checkHandlers(policyRepo, serversRepo, () => settingsRepo.getAll(), senders);
  const handlers: HandlerTable = {
    ...appHandlers(info),
    ...settingsHandlers(deps.store),
    ...auditHandlers(deps.store),
    ...serversHandlers(deps.store, serversRepo, servers),
    ...check,
    ...policyHandlers(deps.store, policyRepo, serversRepo, servers, pushes),
    ...sendersHandlers({
      store: deps.store,
      senders,
      settings: () => settingsRepo.getAll(),
      policies: policyRepo,
      pushes: pushRepo,
      servers: serversRepo,
    }),
    ...statsHandlers(deps.store, stats, serversRepo),
    ...reviewHandlers({
      store: deps.store,
      stats,
      policies: policyRepo,
      senders,
      settings: () => settingsRepo.getAll(),
      runCheck: async (req, ctx, tools) => check['check.run'].run(req, ctx, tools),
    }),
    ...tailHandlers(deps.store, stats, serversRepo),
    ...pushHandlers(pushes, pushRepo),
  };
  stats.start();

  let closed: Promise<void> = new Promise(() => undefined);

  async function dispatch(
    method: ApiMethod,
    request: unknown,
    ctx: CallContext,
  ): Promise<Result<unknown>> {
    const def = handlers[method];
    const parsed = def.request.safeParse(request);
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      return fail('INVALID_REQUEST', `${method}: ${issueSentence(issues)}`, { issues });
    }
    const isMutation = API_METHODS[method] === 'mutation';
    const appended: ReturnType<AuditRepo['append']>[] = [];
    const tools: HandlerTools = {
      now,
      emit: (event, payload) => events.emit(event, payload),
      audit: (record) => {
        if (!isMutation)
          throw new Error(`${method} is a query; queries do not write the audit log`);
        appended.push(
          auditRepo.append({
            time: now(),
            actor: ctx.actor,
            action: record.action ?? method,
            target: record.target,
            detail: record.detail,
          }),
        );
      },
    };
    let value: unknown;
    try {
      value = await (def.run as (r: unknown, c: CallContext, t: HandlerTools) => unknown)(
        parsed.data,
        ctx,
        tools,
      );
    } catch (e) {
      const error = toApiError(e);
      if (error.code === 'INTERNAL') log(`${method} failed`, e);
      return { ok: false, error };
    }
    if (isMutation && appended.length !== 1) {
      // A programming error: surfaced loudly so tests catch it, never silently unaudited.
      log(`${method} wrote ${appended.length} audit rows; mutations must write exactly one`);
      return fail('INTERNAL', `Internal error: ${method} did not record its audit entry`);
    }
    for (const entry of appended) events.emit('audit.appended', entry);
    return ok(value);
  }

  return {
    call: (method, request, ctx) =>
      dispatch(method, request, ctx) as Promise<Result<ApiResponse<typeof method>>>,
    callUnchecked: (method, request, ctx) =>
      isApiMethod(method)
        ? dispatch(method, request, ctx)
        : Promise.resolve(
            fail(
              'UNKNOWN_METHOD',
              `Unknown method ${typeof method === 'string' ? JSON.stringify(method.slice(0, 80)) : `of type ${typeof method}`}`,
            ),
          ),
    events,
    secrets: deps.secrets,
    info,
    close: () => {
      stopWatching();
      const finish = () => {
        servers.close();
        if (deps.store.db.open) deps.store.close();
      };
      if (!stats.tail) {
        void stats.close();
        finish();
        closed = Promise.resolve();
        return;
      }
      // Tailers stop at their next step; one stuck on a silent server is cut off by closing
      // its connection after a moment.
      closed = Promise.race([
        stats.close().catch(() => undefined),
        new Promise<void>((r) => setTimeout(r, 3000).unref()),
      ]).then(finish);
    },
    get closed() {
      return closed;
    },
  };
}
