// Pushes as the app runs them: choose the servers (ids, a tag, all), compile the policy version
// for each from its last inspection, plan (the diff and drift shown before a push), run the
// rollout with live progress, record everything, cancel on request, and report drift on demand.
// Runtime: Node.

import crypto from 'node:crypto';
import os from 'node:os';
import type { ApiEvent, AppApiEvents, PassphraseEntry } from '../../app/api';
import { AppError, toApiError } from '../../app/result';
import type {
  DriftReport,
  PushPlan,
  PushProgress,
  PushRequest,
  PushServerPlan,
  PushServerResult,
  PushSummary,
} from '../../app/types/push';
import { GOOD_OUTCOMES } from '../../app/types/push';
import type { PolicyPreview } from '../../app/types/policy';
import type { Policy } from '../../policy/schema';
import { TEMPLATES } from '../../policy/templates';
import { compile, policyHash } from '../../targets/postfix/compile';
import type { PolicyRepo } from '../../store/policy-repo';
import type { PushRepo } from '../../store/push-repo';
import type { ServerRow, ServersRepo } from '../../store/servers-repo';
import { detectPrivilege } from '../ssh/privilege';
import type { ServersService } from '../servers-service';
import type { PushHooks } from './context';
import { detectDrift } from './drift';
import { readLiveState } from './live-state';
import type { LogSource } from './log-check';
import { pushServer } from './pipeline';
import { place } from './placement';
import { planServer } from './plan';
import { rollout } from './rollout';

export interface PushServiceDeps {
  servers: ServersService;
  serversRepo: ServersRepo;
  policies: PolicyRepo;
  pushes: PushRepo;
  emit: <E extends ApiEvent>(event: E, payload: AppApiEvents[E]) => void;
  now: () => number;
  appVersion: string;
  /** For tests: real faults at the steps of every push this service runs. */
  hooks?: PushHooks;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Sortable and unique across workstations: 20261123T081200Z-3fa9c1. */
export function newPushId(now: number): string {
  const d = new Date(now);
  const stamp = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}T${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
  return `${stamp}-${crypto.randomBytes(3).toString('hex')}`;
}

export class PushService {
  private readonly running = new Map<string, { cancelled: boolean }>();
  /** Servers a push of this process is working on: a second one is refused at once. */
  private readonly busy = new Set<number>();
  private readonly workstation = os.hostname();

  constructor(private readonly deps: PushServiceDeps) {
    // A push that was running when the app last stopped did not finish: say so in the history.
    deps.pushes.abandonRunning(deps.now());
  }

  selection(req: Pick<PushRequest, 'serverIds' | 'tag' | 'all'>): ServerRow[] {
    const ways = [req.serverIds !== undefined, req.tag !== undefined, req.all === true].filter(
      Boolean,
    );
    if (ways.length !== 1)
      throw new AppError(
        'INVALID_REQUEST',
        'Choose the servers one way: a list of servers, a tag, or all.',
      );
    const all = this.deps.serversRepo.all();
    if (req.all) {
      if (!all.length)
        throw new AppError(
          'NOT_FOUND',
          'There are no servers to push to: add one on the Servers page first.',
        );
      return all;
    }
    if (req.tag !== undefined) {
      const tagged = all.filter((s) => s.tags.includes(req.tag as string));
      if (!tagged.length) throw new AppError('NOT_FOUND', `No server has the tag "${req.tag}".`);
      return tagged;
    }
    return (req.serverIds ?? []).map((id) => this.deps.serversRepo.require(id));
  }

  private version(id: number | undefined) {
    const row = id === undefined ? this.deps.policies.current() : this.deps.policies.get(id);
    if (!row)
      throw new AppError(
        id === undefined ? 'CONFLICT' : 'NOT_FOUND',
        id === undefined
          ? 'No policy has been saved yet: save one on the Policy page, then push it.'
          : `There is no policy version ${id}.`,
      );
    return row;
  }

  private logSource(id: number): LogSource {
    const log = this.deps.serversRepo.lastInspection(id)?.log;
    if (log?.kind === 'file' && log.path) return { kind: 'file', path: log.path };
    if (log?.kind === 'journald') return { kind: 'journald' };
    return { kind: 'unknown' };
  }

  /** Per server: what would change, and what drifted — before anything is pushed. */
  async plan(
    req: Pick<PushRequest, 'serverIds' | 'tag' | 'all' | 'policyVersionId'>,
  ): Promise<PushPlan> {
    const version = this.version(req.policyVersionId);
    const rows = this.selection(req);
    const servers = await Promise.all(rows.map((row) => this.planOne(row, version.policy)));
    return { policyVersionId: version.id, policyName: version.policy.name, servers };
  }

  /** Compiles for the server, reads what it has now and plans the push (throws on any problem). */
  private async planWith(row: ServerRow, policy: Policy) {
    const compiled = compile(policy, this.deps.servers.targetProfile(row.id));
    const placed = place(compiled);
    return this.deps.servers.withSession(row, async (s) => {
      const priv = await detectPrivilege(s);
      const configDirectory = compiled.managedDirectory.replace(/\/mxwarden$/, '');
      const live = await readLiveState(s, {
        postconf: `${priv.commandDirectory}/postconf`,
        postfix: `${priv.commandDirectory}/postfix`,
        configDirectory,
        managedDirectory: compiled.managedDirectory,
        managedNames: placed.mainCf.map((m) => m.name),
        alsoDirs: placed.dirs.map((d) => d.name),
      });
      return { compiled, plan: planServer(compiled, placed, live), live };
    });
  }

  private async planOne(row: ServerRow, policy: Policy): Promise<PushServerPlan> {
    try {
      const { compiled, plan, live } = await this.planWith(row, policy);
      return {
        serverId: row.id,
        serverName: row.name,
        files: plan.files,
        mainCf: plan.mainCf,
        ...(plan.postgrey ? { postgrey: plan.postgrey } : {}),
        stale: plan.stale,
        unchanged: plan.unchanged,
        drift: this.enrich(row.id, detectDrift(live)),
        unsupported: compiled.unsupported,
        notes: compiled.notes,
      };
    } catch (e) {
      return {
        serverId: row.id,
        serverName: row.name,
        problem: toApiError(e),
        files: [],
        mainCf: [],
        stale: [],
        unchanged: false,
        drift: [],
        unsupported: [],
        notes: [],
      };
    }
  }

  /**
   * The Policy page's preview: any policy (a draft too) beside what the server has, planned
   * exactly as a push would (same file names, same settings given back to the site).
   */
  async preview(serverId: number, policy: Policy): Promise<PolicyPreview> {
    const row = this.deps.serversRepo.require(serverId);
    const { compiled, plan } = await this.planWith(row, policy);
    return {
      serverId,
      serverName: row.name,
      compiled,
      files: plan.files,
      mainCf: plan.mainCf,
      stale: plan.stale,
      ...(plan.postgrey ? { postgrey: plan.postgrey } : {}),
      unchanged: plan.unchanged,
    };
  }

  /** Drift items of files get what mxwarden wrote, when this app's history has it. */
  private enrich(serverId: number, items: PushServerPlan['drift']): PushServerPlan['drift'] {
    const last = this.deps.pushes.lastWritten(serverId);
    if (!last) return items;
    return items.map((d) => {
      if (d.kind !== 'file') return d;
      const f = last.written.files.find((x) => x.path === d.name);
      return f ? { ...d, expected: f.content } : d;
    });
  }

  async drift(serverId: number): Promise<DriftReport> {
    const row = this.deps.serversRepo.require(serverId);
    const version = this.deps.policies.current();
    const p = await this.planOne(row, version?.policy ?? TEMPLATES.balanced());
    if (p.problem) throw new AppError(p.problem.code, p.problem.message, p.problem.detail);
    const last = this.deps.pushes.list({ serverId, limit: 1 })[0];
    return {
      serverId,
      serverName: row.name,
      checkedAt: this.deps.now(),
      ...(last
        ? {
            lastPush: {
              pushId: last.id,
              at: last.startedAt,
              actor: last.actor,
              policyVersionId: last.policyVersionId,
            },
          }
        : {}),
      items: p.drift,
    };
  }

  cancel(pushId: string): boolean {
    const r = this.running.get(pushId);
    if (!r) return false;
    r.cancelled = true;
    return true;
  }

  async run(
    req: PushRequest,
    actor: string,
    passphrases?: PassphraseEntry[],
  ): Promise<PushSummary> {
    const version = this.version(req.policyVersionId);
    const current = this.deps.policies.current();
    const rows = this.selection(req);
    if (req.canaryId !== undefined) {
      const i = rows.findIndex((r) => r.id === req.canaryId);
      if (i < 0)
        throw new AppError('INVALID_REQUEST', 'The canary must be one of the selected servers.');
      rows.unshift(...rows.splice(i, 1));
    }
    const pushId = newPushId(this.deps.now());
    const flag = { cancelled: false };
    this.running.set(pushId, flag);
    const pending = (row: ServerRow, i: number): PushServerResult => ({
      serverId: row.id,
      serverName: row.name,
      canary: i === 0,
      outcome: 'pending',
      steps: [],
      changes: { files: [], parameters: [], postgrey: false },
    });
    const head = {
      id: pushId,
      startedAt: this.deps.now(),
      actor,
      policyVersionId: version.id,
      policyName: version.policy.name,
      dryRun: req.dryRun ?? false,
      kind: current && version.id < current.id ? ('rollback' as const) : ('push' as const),
    };
    this.deps.pushes.begin(
      head,
      { serverIds: req.serverIds, tag: req.tag, all: req.all },
      rows.map(pending),
    );
    this.deps.emit('push.changed', { pushId, outcome: 'running' });

    const overwrite = new Set(req.overwriteDrift ?? []);
    const hash = policyHash(version.policy);
    const progress =
      (row: ServerRow) => (p: Omit<PushProgress, 'pushId' | 'serverId' | 'serverName'>) =>
        this.deps.emit('push.progress', {
          pushId,
          ...(req.clientToken ? { clientToken: req.clientToken } : {}),
          serverId: row.id,
          serverName: row.name,
          ...p,
        });

    const runOne = async (row: ServerRow, canary: boolean): Promise<PushServerResult> => {
      const say = progress(row);
      if (this.busy.has(row.id)) {
        const r: PushServerResult = {
          ...pending(row, canary ? 0 : 1),
          outcome: 'locked',
          error: {
            code: 'CONFLICT',
            message: `${row.name} is being pushed by another push of this app; wait for it to finish.`,
          },
          state: 'previous',
        };
        say({ step: 'lock', status: 'failed', message: r.error?.message, outcome: 'locked' });
        this.deps.pushes.updateServer(pushId, r);
        return r;
      }
      this.busy.add(row.id);
      try {
        let compiled;
        try {
          compiled = compile(version.policy, this.deps.servers.targetProfile(row.id));
        } catch (e) {
          const r: PushServerResult = {
            ...pending(row, canary ? 0 : 1),
            outcome: 'failed',
            failedStep: 'connect',
            error: toApiError(e),
            state: 'previous',
          };
          say({ step: 'connect', status: 'failed', message: r.error?.message, outcome: 'failed' });
          this.deps.pushes.updateServer(pushId, r);
          return r;
        }
        this.deps.pushes.updateServer(pushId, {
          ...pending(row, canary ? 0 : 1),
          outcome: 'running',
        });
        const out = await pushServer({
          serverId: row.id,
          serverName: row.name,
          canary,
          pushId,
          actor,
          workstation: this.workstation,
          appVersion: this.deps.appVersion,
          policy: {
            versionId: version.id,
            name: version.policy.name,
            document: version.policy,
            hash,
          },
          compiled,
          logSource: this.logSource(row.id),
          dryRun: req.dryRun ?? false,
          overwriteDrift: overwrite.has(row.id),
          connect: () => this.deps.servers.connectDedicated(row.id, passphrases),
          cancelled: () => flag.cancelled,
          progress: (step, status, message) =>
            say({ step, status, ...(message ? { message } : {}) }),
          ...(this.deps.hooks ? { hooks: this.deps.hooks } : {}),
          now: this.deps.now,
        });
        const result = out.drift
          ? { ...out.result, drift: this.enrich(row.id, out.drift) }
          : out.result;
        this.deps.pushes.updateServer(pushId, result, {
          ...(out.written ? { written: out.written } : {}),
          ...(result.drift ? { drift: result.drift } : {}),
        });
        const last = result.steps.at(-1);
        say({
          step: last?.step ?? 'connect',
          status: GOOD_OUTCOMES.includes(result.outcome as never) ? 'ok' : 'failed',
          ...(result.error ? { message: result.error.message } : {}),
          outcome: result.outcome as never,
        });
        return result;
      } finally {
        this.busy.delete(row.id);
      }
    };

    try {
      const results = await rollout(
        rows.map((r) => ({ serverId: r.id, serverName: r.name })),
        {
          concurrency: req.concurrency ?? 4,
          cancelled: () => flag.cancelled,
          run: (t, canary) => runOne(rows.find((r) => r.id === t.serverId) as ServerRow, canary),
          skipped: (t, why) => {
            const row = rows.find((r) => r.id === t.serverId) as ServerRow;
            const r: PushServerResult = {
              ...pending(row, 1),
              outcome: 'skipped',
              error: { code: flag.cancelled ? 'CANCELLED' : 'CONFLICT', message: why },
              state: 'previous',
            };
            this.deps.pushes.updateServer(pushId, r);
            progress(row)({ step: 'connect', status: 'skipped', message: why, outcome: 'skipped' });
            return r;
          },
        },
      );
      const good = results.filter((r) => GOOD_OUTCOMES.includes(r.outcome as never)).length;
      const outcome: PushSummary['outcome'] = flag.cancelled
        ? 'cancelled'
        : good === results.length
          ? 'succeeded'
          : good === 0
            ? 'failed'
            : 'partial';
      this.deps.pushes.finish(pushId, outcome, this.deps.now());
      this.deps.emit('push.changed', { pushId, outcome });
      return this.deps.pushes.get(pushId) as PushSummary;
    } finally {
      this.running.delete(pushId);
    }
  }
}
