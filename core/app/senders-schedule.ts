// The scheduled refresh of the cloud senders, run by the process that owns the store for the
// user (the desktop app, browser mode — never a one-shot CLI command). It calls the API like any
// client, so every refresh, re-pin and push is validated, audited and announced as usual. When a
// refresh changes a whitelisted provider's ranges it says so (senders.stale), and with automatic
// push on it re-pins them and pushes to every server. Runtime: Node.

import type { ApiError, ApiMethod, ApiResponse, Result } from './api';
import type { EventBus } from './event-bus';
import type { CallContext } from './handler';
import type { Settings } from '../settings/schema';

const ACTOR: CallContext = { actor: 'schedule' };
const HOUR = 3_600_000;

export interface SendersScheduleDeps {
  call<M extends ApiMethod>(
    method: M,
    request: unknown,
    ctx: CallContext,
  ): Promise<Result<ApiResponse<M>>>;
  events: EventBus;
  settings: () => Settings;
  /** When any provider was last read live (by the schedule or by hand). */
  lastLiveAt: () => number | undefined;
  now: () => number;
  log: (message: string, error?: unknown) => void;
  /** How often to look whether a refresh is due. */
  checkEveryMs?: number;
}

export type ScheduleOutcome =
  | { ran: false; why: string }
  | {
      ran: true;
      refreshed: number;
      stale: string[];
      autoPush?: { versionId?: number; pushId?: string; outcome?: string; error?: string };
    };

export class SendersSchedule {
  private readonly startedAt: number;
  private running: Promise<ScheduleOutcome> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: SendersScheduleDeps) {
    this.startedAt = deps.now();
  }

  start(): () => void {
    this.timer = setInterval(() => void this.tick(), this.deps.checkEveryMs ?? 10 * 60_000);
    this.timer.unref();
    return () => clearInterval(this.timer);
  }

  /**
   * Due when the newest live data is older than the interval. Never-refreshed data counts from
   * when this process started: opening the app does not send DNS queries by itself.
   */
  due(): boolean {
    const hours = this.deps.settings().sendersRefreshHours;
    if (hours <= 0) return false;
    const last = Math.max(this.deps.lastLiveAt() ?? 0, this.startedAt);
    return this.deps.now() - last >= hours * HOUR;
  }

  tick(force = false): Promise<ScheduleOutcome> {
    if (this.running) return this.running;
    if (!force && !this.due()) return Promise.resolve({ ran: false, why: 'not due' });
    this.running = this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<ScheduleOutcome> {
    const d = this.deps;
    const refreshed = await d.call('senders.refresh', { runId: `schedule-${d.now()}` }, ACTOR);
    if (!refreshed.ok) return this.failed('the scheduled refresh failed', refreshed.error);
    const list = await d.call('senders.list', undefined, ACTOR);
    if (!list.ok) return this.failed('listing the cloud senders failed', list.error);
    const stale = list.value.providers.filter((p) => p.whitelist.state === 'stale');
    const outcome: ScheduleOutcome = {
      ran: true,
      refreshed: refreshed.value.providers.length,
      stale: stale.map((p) => p.id),
    };
    if (stale.length === 0) return outcome;
    const providers = stale.map((p) => ({
      id: p.id,
      name: p.name,
      added: p.whitelist.changes?.added.length ?? 0,
      removed: p.whitelist.changes?.removed.length ?? 0,
    }));
    if (!d.settings().sendersAutoPush) {
      d.events.emit('senders.stale', { providers });
      return outcome;
    }
    const autoPush: NonNullable<Extract<ScheduleOutcome, { ran: true }>['autoPush']> = {};
    for (const p of stale) {
      const r = await d.call('senders.whitelist', { id: p.id }, ACTOR);
      if (!r.ok) {
        autoPush.error = `re-pinning ${p.name}: ${r.error.message}`;
        break;
      }
      autoPush.versionId = r.value.versionId;
    }
    if (!autoPush.error) {
      const pushed = await d.call('push.run', { all: true }, ACTOR);
      if (pushed.ok) {
        autoPush.pushId = pushed.value.id;
        autoPush.outcome = pushed.value.outcome;
      } else autoPush.error = `the push: ${pushed.error.message}`;
    }
    d.events.emit('senders.stale', { providers, autoPush });
    return { ...outcome, autoPush };
  }

  private failed(what: string, error: ApiError): ScheduleOutcome {
    this.deps.log(`cloud senders: ${what}: ${error.message}`);
    return { ran: false, why: `${what}: ${error.message}` };
  }
}
