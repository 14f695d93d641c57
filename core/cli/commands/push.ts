// `mxwarden push`: the plan (diff and drift) first, a question unless --yes, then the push with
// live progress on a terminal; `push history|show|drift` read what happened. Exit 1 when any
// server did not end as asked. Runtime: Node.

import { parseArgs } from 'node:util';
import type { PassphraseEntry, ServerSummary } from '../../app/api';
import type { AppService } from '../../app/host';
import type {
  PushPlan,
  PushProgress,
  PushRequest,
  PushServerPlan,
  PushSummary,
} from '../../app/types/push';
import { GOOD_OUTCOMES } from '../../app/types/push';
import { UsageError, type CliCommand, type CliContext } from '../command';
import { CLI_ACTOR, withCore } from '../core-session';
import { printError, printJson, printTable } from '../output';
import { ask, isInteractive } from '../prompt';
import { planText, summaryRows } from './push-text';

const USAGE = [
  'mxwarden push (--servers A,B | --tag T | --all) [--version N] [--dry-run] [--yes] [--diff]',
  '                  [--overwrite-drift A,B] [--canary A] [--concurrency N] [--json]',
  'mxwarden push history [--server NAME] [--limit N] [--json]',
  'mxwarden push show PUSH-ID [--json]',
  'mxwarden push drift NAME [--json]',
].join('\n       ');

const names = (list: string | undefined): string[] =>
  (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function byName(servers: ServerSummary[], name: string): ServerSummary {
  const s =
    servers.find((x) => x.name === name) ??
    servers.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!s) throw new UsageError(`no server named "${name}" (see \`mxwarden servers list\`)`);
  return s;
}

const good = (s: PushSummary) => s.servers.every((r) => GOOD_OUTCOMES.includes(r.outcome as never));

/** Asks for the passphrases of encrypted keys the plan could not open, on a terminal. */
async function planWithPassphrases(
  service: AppService,
  ctx: CliContext,
  select: Pick<PushRequest, 'serverIds' | 'tag' | 'all' | 'policyVersionId'>,
  passphrases: PassphraseEntry[],
): Promise<PushPlan | undefined> {
  for (;;) {
    const r = await service.call('push.plan', select, CLI_ACTOR);
    if (!r.ok) return (printError(ctx.io.stderr, r.error), undefined);
    const locked = r.value.servers.find(
      (s) =>
        s.problem?.code === 'PASSPHRASE_REQUIRED' &&
        !passphrases.some(
          (p) => p.keyPath === (s.problem?.detail as { keyPath?: string } | undefined)?.keyPath,
        ),
    );
    const keyPath = (locked?.problem?.detail as { keyPath?: string } | undefined)?.keyPath;
    if (!locked || !keyPath || !isInteractive()) return r.value;
    const passphrase = await ask(`Enter passphrase for key '${keyPath}': `, true);
    passphrases.push({ keyPath, passphrase, remember: false });
    // The pool keeps the unlocked key for this process: plan again to read that server.
    const t = await service.call('servers.test', { id: locked.serverId, passphrases }, CLI_ACTOR);
    if (!t.ok) return (printError(ctx.io.stderr, t.error), undefined);
  }
}

/** One line per step on a terminal: "mx2  validate  ok  postfix check passed (2.4 s)". */
function progressPrinter(ctx: CliContext, width: number) {
  const started = new Map<string, number>();
  return (p: PushProgress) => {
    const key = `${p.serverId}:${p.step}`;
    if (p.status === 'running') {
      started.set(key, Date.now());
      return;
    }
    const t0 = started.get(key);
    const took = t0 !== undefined ? ` (${((Date.now() - t0) / 1000).toFixed(1)} s)` : '';
    const mark = p.status === 'ok' ? 'ok' : p.status === 'failed' ? 'FAILED' : 'skipped';
    const tail = p.outcome ? `  → ${p.outcome}` : '';
    ctx.io.stderr.write(
      `${p.serverName.padEnd(width)}  ${p.step.padEnd(8)}  ${mark.padEnd(7)}  ${p.message ?? ''}${took}${tail}\n`,
    );
  };
}

async function runPush(
  service: AppService,
  ctx: CliContext,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const ways = [values.servers, values.tag, values.all].filter((v) => v !== undefined);
  if (ways.length !== 1)
    throw new UsageError('choose the servers: --servers A,B, --tag T or --all');
  const list = await service.call('servers.list', undefined, CLI_ACTOR);
  if (!list.ok) return (printError(ctx.io.stderr, list.error), 1);
  const servers = list.value;
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && !(Number.isInteger(version) && version > 0))
    throw new UsageError(`--version wants a version number, not "${String(values.version)}"`);
  const select: Pick<PushRequest, 'serverIds' | 'tag' | 'all' | 'policyVersionId'> = {
    ...(values.servers !== undefined
      ? { serverIds: names(values.servers as string).map((n) => byName(servers, n).id) }
      : values.tag !== undefined
        ? { tag: values.tag as string }
        : { all: true }),
    ...(version !== undefined ? { policyVersionId: version } : {}),
  };
  if (select.serverIds && !select.serverIds.length)
    throw new UsageError('--servers needs at least one server name');
  const overwrite = names(values['overwrite-drift'] as string | undefined).map(
    (n) => byName(servers, n).id,
  );
  const canary = values.canary === undefined ? undefined : byName(servers, values.canary as string);
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1))
    throw new UsageError('--concurrency wants a whole number of servers, 1 or more');

  const dryRun = values['dry-run'] === true;
  const json = values.json === true;
  const passphrases: PassphraseEntry[] = [];
  const plan = await planWithPassphrases(service, ctx, select, passphrases);
  if (!plan) return 1;
  // The diff comes before every push: on stderr when stdout carries JSON.
  const planOut = json ? ctx.io.stderr : ctx.io.stdout;
  planOut.write(planText(plan, { diff: values.diff === true, dryRun }));

  const unreachable = plan.servers.filter((s) => s.problem);
  const drifted = plan.servers.filter((s) => s.drift.length && !overwrite.includes(s.serverId));
  if (drifted.length && isInteractive() && !values.yes) {
    for (const s of drifted) {
      const a = await ask(
        `${s.serverName} was changed by someone else (above). Overwrite those changes? [y/N] `,
      );
      if (/^y(es)?$/i.test(a.trim())) overwrite.push(s.serverId);
    }
  }
  const pushable = plan.servers.filter((s) => !s.problem);
  if (!pushable.length) {
    ctx.io.stderr.write('mxwarden push: no server can be pushed (see the plan above).\n');
    return 1;
  }
  if (canary && !pushable.some((s) => s.serverId === canary.id))
    throw new UsageError(`the canary ${canary.name} cannot be pushed (see the plan above)`);
  const toDo = pushable.filter((s) => !s.unchanged);
  if (!values.yes && !dryRun && toDo.length) {
    if (!isInteractive()) {
      ctx.io.stderr.write(
        'mxwarden push: not on a terminal, so not asking: add --yes to push, or --dry-run to validate only.\n',
      );
      return 2;
    }
    const a = await ask(
      `Push policy version ${plan.policyVersionId} to ${toDo.length} ${toDo.length === 1 ? 'server' : 'servers'}? [y/N] `,
    );
    if (!/^y(es)?$/i.test(a.trim())) return (ctx.io.stderr.write('Nothing was pushed.\n'), 1);
  }

  const token = `cli-${process.pid}-${Date.now()}`;
  const width = Math.max(...plan.servers.map((s) => s.serverName.length));
  const print = progressPrinter(ctx, width);
  const tty =
    !!(ctx.io.stderr as { isTTY?: boolean }).isTTY || process.env.MXWARDEN_PROGRESS === '1';
  let pushId: string | undefined;
  const unsubscribe = service.events.subscribe('push.progress', (p) => {
    if (p.clientToken !== token) return;
    pushId = p.pushId;
    if (tty && !json) print(p);
  });
  // Ctrl-C asks the push to stop before the next swap; a second one leaves at once.
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    ctx.io.stderr.write(
      '\nCancelling: servers not yet swapped stop before the swap; Ctrl-C again to leave now.\n',
    );
    if (pushId) void service.call('push.cancel', { pushId }, CLI_ACTOR);
  };
  process.on('SIGINT', onSigint);
  try {
    const r = await service.call(
      'push.run',
      {
        // Only the servers the plan could read: the others are reported, not attempted.
        serverIds: pushable.map((s) => s.serverId),
        // Exactly the version whose diff was shown, even if another was saved meanwhile.
        policyVersionId: plan.policyVersionId,
        dryRun,
        clientToken: token,
        ...(overwrite.length ? { overwriteDrift: overwrite } : {}),
        ...(canary ? { canaryId: canary.id } : {}),
        ...(concurrency !== undefined ? { concurrency } : {}),
        ...(passphrases.length ? { passphrases } : {}),
      },
      CLI_ACTOR,
    );
    if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
    if (json) printJson(ctx.io.stdout, r.value);
    else {
      ctx.io.stdout.write(
        `\n${r.value.dryRun ? 'Dry run' : r.value.kind === 'rollback' ? 'Rollback' : 'Push'} ${r.value.id}: ${r.value.outcome}\n`,
      );
      printTable(ctx.io.stdout, ['server', 'outcome', 'step', 'what'], summaryRows(r.value));
    }
    if (unreachable.length && !json)
      ctx.io.stderr.write(
        `Not pushed: ${unreachable.map((s) => s.serverName).join(', ')} (see the plan above).\n`,
      );
    return good(r.value) ? 0 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    unsubscribe();
  }
}

async function history(
  service: AppService,
  ctx: CliContext,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  let serverId: number | undefined;
  if (values.server !== undefined) {
    const list = await service.call('servers.list', undefined, CLI_ACTOR);
    if (!list.ok) return (printError(ctx.io.stderr, list.error), 1);
    serverId = byName(list.value, values.server as string).id;
  }
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  const r = await service.call(
    'push.list',
    { ...(serverId !== undefined ? { serverId } : {}), limit },
    CLI_ACTOR,
  );
  if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
  if (values.json) return (printJson(ctx.io.stdout, r.value), 0);
  printTable(
    ctx.io.stdout,
    ['push', 'when', 'who', 'version', 'kind', 'outcome', 'servers'],
    r.value.map((p) => [
      p.id,
      new Date(p.startedAt).toISOString().replace('T', ' ').slice(0, 19),
      p.actor,
      `v${p.policyVersionId}`,
      p.dryRun ? 'dry run' : p.kind,
      p.outcome,
      p.servers.map((s) => `${s.serverName}:${s.outcome}`).join(' '),
    ]),
  );
  return 0;
}

async function show(service: AppService, ctx: CliContext, id: string, json: boolean) {
  const r = await service.call('push.get', { id }, CLI_ACTOR);
  if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
  if (json) return (printJson(ctx.io.stdout, r.value), 0);
  const p = r.value;
  ctx.io.stdout.write(
    `Push ${p.id} by ${p.actor}: policy v${p.policyVersionId} (${p.policyName}), ${p.dryRun ? 'dry run, ' : ''}${p.kind}, ${p.outcome}\n\n`,
  );
  printTable(ctx.io.stdout, ['server', 'outcome', 'step', 'what'], summaryRows(p));
  for (const s of p.servers) {
    ctx.io.stdout.write(`\n${s.serverName}${s.canary ? ' (canary)' : ''}:\n`);
    printTable(
      ctx.io.stdout,
      ['  step', 'status', 'ms', 'message'],
      s.steps.map((st) => [`  ${st.step}`, st.status, String(st.ms), st.message ?? '']),
    );
    const out = s.steps.find((st) => st.output)?.output;
    if (out) ctx.io.stdout.write(`  server said:\n${out.replace(/^/gm, '    ')}\n`);
  }
  return 0;
}

async function drift(service: AppService, ctx: CliContext, name: string, json: boolean) {
  const list = await service.call('servers.list', undefined, CLI_ACTOR);
  if (!list.ok) return (printError(ctx.io.stderr, list.error), 1);
  const s = byName(list.value, name);
  const r = await service.call('push.drift', { serverId: s.id }, CLI_ACTOR);
  if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
  if (json) return (printJson(ctx.io.stdout, r.value), r.value.items.length ? 1 : 0);
  if (!r.value.items.length) {
    ctx.io.stdout.write(`${s.name}: no drift — it has what mxwarden last wrote.\n`);
    return 0;
  }
  const plan: PushServerPlan = {
    serverId: s.id,
    serverName: s.name,
    files: [],
    mainCf: [],
    stale: [],
    unchanged: true,
    drift: r.value.items,
    unsupported: [],
    notes: [],
  };
  ctx.io.stdout.write(
    planText(
      { policyVersionId: 0, policyName: '', servers: [plan] },
      { diff: true, driftOnly: true },
    ),
  );
  return 1;
}

export const pushCommand: CliCommand = {
  name: 'push',
  summary: 'Push a policy version to servers (plan, confirm, progress); history and drift',
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        servers: { type: 'string' },
        tag: { type: 'string' },
        all: { type: 'boolean' },
        version: { type: 'string' },
        'dry-run': { type: 'boolean' },
        yes: { type: 'boolean', short: 'y' },
        diff: { type: 'boolean' },
        'overwrite-drift': { type: 'string' },
        canary: { type: 'string' },
        concurrency: { type: 'string' },
        json: { type: 'boolean' },
        server: { type: 'string' },
        limit: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    const [verb, arg, ...rest] = positionals;
    if (rest.length) throw new UsageError(`unexpected ${rest.join(' ')}`);
    return withCore(ctx.dataDir, async (service) => {
      if (verb === undefined) return runPush(service, ctx, values);
      if (verb === 'history') return history(service, ctx, values);
      if (verb === 'show') {
        if (!arg) throw new UsageError('push show wants a push id (see `mxwarden push history`)');
        return show(service, ctx, arg, values.json === true);
      }
      if (verb === 'drift') {
        if (!arg) throw new UsageError('push drift wants a server name');
        return drift(service, ctx, arg, values.json === true);
      }
      throw new UsageError(`unknown push command "${verb}"`);
    });
  },
};
