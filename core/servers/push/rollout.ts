// A push to several servers: the canary first and alone — if it does not end well the rollout
// stops and the others are not touched — then the rest, a bounded number at a time. Cancelling
// stops servers that have not swapped yet and skips those not started. Runtime: pure (the
// per-server push is passed in).

import { GOOD_OUTCOMES, type PushServerResult } from '../../app/types/push';

export interface RolloutTarget {
  serverId: number;
  serverName: string;
}

export interface RolloutOptions {
  concurrency: number;
  cancelled(): boolean;
  run(target: RolloutTarget, canary: boolean): Promise<PushServerResult>;
  skipped(target: RolloutTarget, why: string): PushServerResult;
}

export async function rollout(
  targets: readonly RolloutTarget[],
  o: RolloutOptions,
): Promise<PushServerResult[]> {
  const [canary, ...rest] = targets;
  if (!canary) return [];
  const results = new Map<number, PushServerResult>();
  const first = await o.run(canary, true);
  results.set(canary.serverId, first);
  if (!GOOD_OUTCOMES.includes(first.outcome as (typeof GOOD_OUTCOMES)[number])) {
    for (const t of rest)
      results.set(
        t.serverId,
        o.skipped(
          t,
          `not pushed: the canary ${canary.serverName} ended "${first.outcome}", so the rollout stopped.`,
        ),
      );
  } else {
    const queue = [...rest];
    const worker = async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        if (o.cancelled())
          results.set(t.serverId, o.skipped(t, 'not pushed: the push was cancelled.'));
        else results.set(t.serverId, await o.run(t, false));
      }
    };
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(o.concurrency, queue.length)) }, worker),
    );
  }
  return targets.map((t) => results.get(t.serverId) as PushServerResult);
}
