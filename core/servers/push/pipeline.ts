// One server's push, step by step: connect → lock → plan → stage → validate → swap → reload →
// verify → record, then cleanup. Every step is timed and reported; a failure before the swap leaves
// the server as it was (staged files are removed), a failure after it restores the previous
// main.cf and postgrey options, reloads and verifies again — reconnecting first when the connection
// itself was lost. Cancelling stops before the swap. Runtime: Node.

import type { ApiError } from '../../app/api';
import { AppError, toApiError } from '../../app/result';
import type { PushOutcome, PushServerResult, PushStep } from '../../app/types/push';
import type { DriftItem } from '../../app/types/push';
import { PushContext, type ServerPushInput } from './context';
import type { ManagedState } from './managed-state';
import { connectStep, lockStep } from './steps/connect';
import { cleanupStep, recordStep, rollbackStep } from './steps/finish';
import { DriftRefused, planStep } from './steps/plan';
import { reloadStep, verifyServer } from './steps/reload';
import { stageStep } from './steps/stage';
import { swapStep } from './steps/swap';
import { validateStep } from './steps/validate';

export interface ServerPushOutput {
  result: PushServerResult;
  /** What landed on the server (its new record and the files' contents), when it did. */
  written?: { state: ManagedState; files: { path: string; content: string }[] };
  drift?: DriftItem[];
}

class Cancelled extends AppError {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function pushServer(input: ServerPushInput): Promise<ServerPushOutput> {
  const ctx = new PushContext(input);
  let failedStep: PushStep | undefined;
  let error: ApiError | undefined;
  let drift: DriftItem[] | undefined;

  const step = async <T>(name: PushStep, run: () => Promise<T>, describe: (v: T) => string) => {
    if (input.cancelled() && !ctx.swapped && name !== 'cleanup' && name !== 'rollback')
      throw new Cancelled('CANCELLED', `The push was cancelled before ${name}.`);
    const startedAt = input.now();
    input.progress(name, 'running');
    try {
      if (ctx.session) await input.hooks?.beforeStep?.(name, ctx.hookContext());
      const value = await run();
      await input.hooks?.afterStep?.(name, ctx.hookContext());
      const message = describe(value);
      ctx.steps.push({ step: name, status: 'ok', startedAt, ms: input.now() - startedAt, message });
      input.progress(name, 'ok', message);
      return value;
    } catch (e) {
      const err = toApiError(e);
      const output = (err.detail as { output?: string } | undefined)?.output;
      ctx.steps.push({
        step: name,
        status: 'failed',
        startedAt,
        ms: input.now() - startedAt,
        message: err.message,
        ...(output ? { output } : {}),
      });
      input.progress(name, 'failed', err.message);
      throw e;
    }
  };
  const text = (m: string) => m;

  let outcome: PushOutcome;
  let state: PushServerResult['state'] = 'previous';
  let landed = false;
  try {
    await step('connect', () => connectStep(ctx), text);
    await step('lock', () => lockStep(ctx), text);
    await step('plan', () => planStep(ctx), text);
    if (ctx.plan?.unchanged) outcome = 'unchanged';
    else {
      await step('stage', () => stageStep(ctx), text);
      await step('validate', () => validateStep(ctx), text);
      if (input.dryRun) outcome = 'validated';
      else {
        await step('swap', () => swapStep(ctx), text);
        const { mark } = await step(
          'reload',
          () => reloadStep(ctx),
          (r) => r.message,
        );
        await step('verify', () => verifyServer(ctx, mark), text);
        await step('record', () => recordStep(ctx), text);
        landed = true;
        state = 'new';
        outcome = 'applied';
      }
    }
  } catch (e) {
    const err = toApiError(e);
    error = err;
    failedStep = ctx.steps.at(-1)?.step;
    if (e instanceof DriftRefused) {
      outcome = 'drift';
      drift = (err.detail as { drift?: DriftItem[] } | undefined)?.drift ?? [];
    } else if (e instanceof Cancelled) outcome = 'cancelled';
    else if (err.code === 'CONFLICT' && failedStep === 'lock') outcome = 'locked';
    else if (!ctx.swapped) outcome = 'failed';
    else {
      // After the swap: bring the previous configuration back, reconnecting if need be.
      try {
        await reconnectIfLost(ctx);
        await step('rollback', () => rollbackStep(ctx), text);
        outcome = 'rolled-back';
      } catch (rollbackError) {
        outcome = 'broken';
        state = 'unknown';
        const r = toApiError(rollbackError);
        error = {
          code: err.code,
          message: `${err.message} Rolling back did not complete either: ${r.message}`,
          ...(err.detail !== undefined ? { detail: err.detail } : {}),
        };
      }
    }
  }

  // Cleanup never changes the outcome; a connection that is gone has nothing to clean now (the
  // next push removes leftovers).
  if (ctx.session?.alive && ctx.files) {
    try {
      await step('cleanup', () => cleanupStep(ctx, landed), text);
    } catch {
      /* recorded in the steps */
    }
  }
  ctx.lock?.release();
  ctx.session?.close();

  const result: PushServerResult = {
    serverId: input.serverId,
    serverName: input.serverName,
    canary: input.canary,
    outcome,
    ...(failedStep && outcome !== 'applied' ? { failedStep } : {}),
    ...(error ? { error } : {}),
    steps: ctx.steps,
    changes: ctx.changes(),
    state,
  };
  return {
    result,
    ...(landed && ctx.nextState && ctx.placed
      ? {
          written: {
            state: ctx.nextState,
            files: ctx.placed.dirs.flatMap((d) =>
              d.files.map((f) => ({ path: f.path, content: f.content })),
            ),
          },
        }
      : {}),
    ...(drift ? { drift } : {}),
  };
}

/** A connection lost after the swap: keep trying (a rebooting sshd, a network blip) to roll back. */
async function reconnectIfLost(ctx: PushContext): Promise<void> {
  if (ctx.session?.alive) return;
  const window = ctx.input.reconnectWindowMs ?? 20_000;
  const deadline = Date.now() + window;
  let last: unknown;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    try {
      ctx.lock?.release();
      await connectStep(ctx);
      await lockStep(ctx);
      return;
    } catch (e) {
      last = e;
      await sleep(Math.min(1000 * 2 ** attempt, 4000));
    }
  }
  throw new AppError(
    'UNREACHABLE',
    `${ctx.input.serverName} could not be reached again within ${Math.round(window / 1000)} s to roll back: it may be running the new configuration unverified. Reach it, then push again (or roll back).`,
    { last: toApiError(last).message },
  );
}
