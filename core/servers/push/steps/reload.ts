// Steps "reload" and "verify": Postfix re-reads its configuration (`postfix reload`), postgrey is
// restarted when its options changed (its init script reads /etc/default/postgrey only at start),
// and then the server must show it works: the master process runs, every SMTP listener that
// answered before the push answers with its banner again, postgrey listens, and Postfix has logged
// nothing fatal since the reload. Runtime: Node.

import { AppError } from '../../../app/result';
import type { PushContext } from '../context';
import { logSince, markLog, postfixLines, troubleLines, type LogMark } from '../log-check';
import { probeBanner } from '../smtp-probe';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function reloadStep(ctx: PushContext): Promise<{ message: string; mark: LogMark }> {
  const s = ctx.session;
  const mark = await markLog(s, ctx.input.logSource);
  const r = await s.exec([ctx.tool('postfix'), 'reload'], { privileged: true, timeoutMs: 60_000 });
  if (r.code !== 0) {
    // postfix(1) writes to stderr only on a terminal; otherwise its words are in the mail log.
    let output = (r.stderr || r.stdout).trim();
    if (!output)
      output = postfixLines((await logSince(s, mark).catch(() => undefined)) ?? '').join('\n');
    throw new AppError(
      'COMMAND_FAILED',
      `postfix reload failed on ${ctx.input.serverName} (exit ${r.code}).`,
      { output },
    );
  }
  let message = 'postfix reload';
  if (ctx.plan?.postgreyChanged) {
    await restartPostgrey(ctx);
    message += ', postgrey restarted';
  }
  return { message, mark };
}

export async function restartPostgrey(ctx: PushContext): Promise<void> {
  ctx.postgreyRestarted = true;
  const r = await ctx.session.exec([ctx.push.tools.service, 'postgrey', 'restart'], {
    privileged: true,
    timeoutMs: 90_000,
  });
  if (r.code !== 0)
    throw new AppError(
      'COMMAND_FAILED',
      `service postgrey restart failed on ${ctx.input.serverName} (exit ${r.code}).`,
      {
        output: (r.stderr || r.stdout).trim(),
      },
    );
}

/** host and port of an inet policy service ("inet:127.0.0.1:10023"), or undefined. */
export function inetService(
  service: string | undefined,
): { host: string; port: number } | undefined {
  const m = /^inet:(?:\[?([^\]]*)\]?:)?(\d+)$/.exec(service ?? '');
  if (!m) return undefined;
  return { host: m[1] || '127.0.0.1', port: Number(m[2]) };
}

async function postgreyListens(ctx: PushContext, timeoutMs: number): Promise<boolean> {
  const target = inetService(ctx.placed?.postgrey?.service);
  if (!target) return true;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      ctx.session.client.forwardOut('127.0.0.1', 0, target.host, target.port, (err, stream) => {
        if (err) return resolve(false);
        stream.close();
        resolve(true);
      });
    });
    if (ok) return true;
    if (Date.now() > deadline) return false;
    await sleep(300);
  }
}

/** Throws with what is wrong; returns a line for the record. */
export async function verifyServer(ctx: PushContext, mark: LogMark): Promise<string> {
  const s = ctx.session;
  const timeout = ctx.input.verifyTimeoutMs ?? 15_000;
  // Daemons come up again after the reload: give them a moment before judging.
  await sleep(1000);
  const status = await s.exec([ctx.tool('postfix'), 'status'], { privileged: true });
  if (status.code !== 0)
    throw new AppError(
      'UNAVAILABLE',
      `Postfix is not running on ${ctx.input.serverName} after the reload.`,
      {
        output: (status.stderr || status.stdout).trim(),
      },
    );
  const wereUp = ctx.baseline.filter((b) => b.ok);
  const failures: string[] = [];
  for (const l of wereUp) {
    const deadline = Date.now() + timeout;
    let last = await probeBanner(s, l, Math.min(5_000, timeout));
    while (!last.ok && Date.now() < deadline) {
      await sleep(500);
      last = await probeBanner(s, l, Math.min(5_000, Math.max(500, deadline - Date.now())));
    }
    if (!last.ok) failures.push(`${l.command} on ${l.host}:${l.port}: ${last.detail}`);
  }
  if (failures.length)
    throw new AppError(
      'UNAVAILABLE',
      `${ctx.input.serverName} does not answer SMTP as it did before the push.`,
      {
        output: failures.join('\n'),
      },
    );
  if (ctx.postgreyRestarted && !(await postgreyListens(ctx, timeout)))
    throw new AppError(
      'UNAVAILABLE',
      `postgrey does not listen on ${ctx.input.serverName} after its restart.`,
    );
  // A log the login account may not read (rotated to 0600, say) is reported as not checked:
  // it says nothing about whether the new configuration works.
  const logged = await logSince(s, mark).catch(() => undefined);
  const trouble = logged === undefined ? [] : troubleLines(logged);
  if (trouble.length)
    throw new AppError(
      'COMMAND_FAILED',
      `Postfix logged errors on ${ctx.input.serverName} since the reload.`,
      {
        output: trouble.join('\n'),
      },
    );
  return `master running, ${wereUp.length} listener${wereUp.length === 1 ? '' : 's'} answered${
    ctx.postgreyRestarted ? ', postgrey listening' : ''
  }, ${logged === undefined ? 'log not readable from here' : 'no errors logged'}`;
}
