// `mxwarden servers list|add|remove|test|trust|inspect`. Runtime: Node.

import { parseArgs } from 'node:util';
import type {
  ApiError,
  InspectOutcome,
  PassphraseEntry,
  ServerInspection,
  ServerSummary,
} from '../../app/api';
import type { AppService } from '../../app/host';
import { UsageError, type CliCommand, type CliContext } from '../command';
import { CLI_ACTOR, withCore } from '../core-session';
import { printError, printJson, printTable } from '../output';
import { ask, isInteractive } from '../prompt';

const USAGE = [
  'mxwarden servers list [--json]',
  'mxwarden servers add NAME --host HOST|ALIAS [--port N] [--user U] [--key PATH] [--tag T]... [--notes TEXT] [--json]',
  'mxwarden servers remove NAME',
  'mxwarden servers test NAME [--remember-passphrase]',
  'mxwarden servers trust NAME --fingerprint SHA256:…',
  'mxwarden servers inspect (NAME... | --all) [--json]',
].join('\n       ');

async function findServer(service: AppService, name: string): Promise<ServerSummary> {
  const r = await service.call('servers.list', undefined, CLI_ACTOR);
  if (!r.ok) throw new UsageError(r.error.message);
  const s =
    r.value.find((x) => x.name === name) ??
    r.value.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!s) throw new UsageError(`no server named "${name}" (see \`mxwarden servers list\`)`);
  return s;
}

function where(s: ServerSummary): string {
  return s.target.ok
    ? `${s.target.user}@${s.target.host}:${s.target.port}${s.target.proxyJump ? ` via ${s.target.proxyJump}` : ''}`
    : `(${s.target.error})`;
}

/**
 * Runs an SSH call, answering on the terminal what ssh would ask: whether to trust a new host
 * key (the fingerprint is shown) and the passphrase of an encrypted key.
 */
async function interactively<T>(
  ctx: CliContext,
  service: AppService,
  server: ServerSummary,
  remember: boolean,
  call: (
    passphrases: PassphraseEntry[],
  ) => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>,
): Promise<{ ok: true; value: T } | { ok: false; error: ApiError }> {
  const passphrases: PassphraseEntry[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = await call(passphrases);
    if (r.ok || !isInteractive()) return r;
    const detail = (r.error.detail ?? {}) as { fingerprint?: string; keyPath?: string };
    if (r.error.code === 'HOST_KEY_UNKNOWN' && detail.fingerprint) {
      ctx.io.stderr.write(`${r.error.message}\n`);
      const answer = (
        await ask('Are you sure you want to continue connecting (yes/no/[fingerprint])? ')
      ).trim();
      if (answer !== 'yes' && answer !== detail.fingerprint) return r;
      const t = await service.call(
        'servers.trustHostKey',
        { id: server.id, fingerprint: detail.fingerprint },
        CLI_ACTOR,
      );
      if (!t.ok) return t;
      ctx.io.stderr.write(
        `Warning: Permanently added ${server.name} (${detail.fingerprint}) to ${t.value.knownHostsFile}.\n`,
      );
      continue;
    }
    if (r.error.code === 'PASSPHRASE_REQUIRED' && detail.keyPath) {
      const passphrase = await ask(`Enter passphrase for key '${detail.keyPath}': `, true);
      passphrases.push({ keyPath: detail.keyPath, passphrase, remember });
      continue;
    }
    return r;
  }
  return call(passphrases);
}

function printInspection(ctx: CliContext, name: string, i: ServerInspection): void {
  const out = ctx.io.stdout;
  out.write(`\n${name}: ${i.os.prettyName}, Postfix ${i.postfix.version}\n`);
  printTable(
    out,
    ['', ''],
    [
      ['listeners', i.listeners.map((l) => `${l.kind} ${l.service}`).join(', ') || 'none'],
      [
        'postscreen',
        i.postscreen.enabled
          ? `on (threshold ${i.postscreen.dnsblThreshold ?? '?'}, greet ${i.postscreen.greetAction ?? '?'})`
          : 'off',
      ],
      [
        'postgrey',
        i.postgrey.running
          ? `running ${i.postgrey.options.join(' ')}`
          : i.postgrey.installed
            ? 'installed, not running'
            : 'not installed',
      ],
      ['policy services', i.policyServices.join(', ') || 'none'],
      ['log', i.log.kind === 'file' ? `file ${i.log.path}` : i.log.kind],
      ['privileges', `${i.privilege.user}: ${i.privilege.mode}`],
    ],
  );
  if (i.rbls.length) {
    out.write('\n');
    printTable(
      out,
      ['RBL', 'filter', 'weight', 'used by'],
      i.rbls.map((r) => [r.zone, r.filter ?? '', String(r.weight), r.restriction ?? r.source]),
    );
  }
  if (i.privilege.sudoersLine)
    out.write(`\nTo manage this server, add with visudo:\n  ${i.privilege.sudoersLine}\n`);
  for (const w of i.warnings) out.write(`warning: ${w}\n`);
}

/** Where mxwarden has pushed before: has someone changed what it manages there since? */
async function printDrift(ctx: CliContext, service: AppService, id: number, name: string) {
  const pushed = await service.call('push.list', { serverId: id, limit: 1 }, CLI_ACTOR);
  if (!pushed.ok || !pushed.value.length) return;
  const d = await service.call('push.drift', { serverId: id }, CLI_ACTOR);
  if (!d.ok) return void ctx.io.stdout.write(`drift: not checked — ${d.error.message}\n`);
  ctx.io.stdout.write(
    d.value.items.length
      ? `drift: ${d.value.items.length} managed ${d.value.items.length === 1 ? 'item was' : 'items were'} changed on ${name} by someone else: ${d.value.items.map((i) => i.name).join(', ')} (see \`mxwarden push drift ${name}\`)\n`
      : 'drift: none — it has what mxwarden last wrote\n',
  );
}

export const serversCommand: CliCommand = {
  name: 'servers',
  summary: 'List, add, test, trust and inspect managed servers',
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        json: { type: 'boolean' },
        host: { type: 'string' },
        port: { type: 'string' },
        user: { type: 'string' },
        key: { type: 'string' },
        tag: { type: 'string', multiple: true },
        notes: { type: 'string' },
        fingerprint: { type: 'string' },
        all: { type: 'boolean' },
        'remember-passphrase': { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
    const [verb, ...names] = positionals;
    return withCore(ctx.dataDir, async (service) => {
      const fail = (error: ApiError) => (printError(ctx.io.stderr, error), 1);
      switch (verb) {
        case 'list': {
          const r = await service.call('servers.list', undefined, CLI_ACTOR);
          if (!r.ok) return fail(r.error);
          if (values.json) return (printJson(ctx.io.stdout, r.value), 0);
          printTable(
            ctx.io.stdout,
            ['name', 'connects to', 'tags', 'status', 'postfix', 'inspected'],
            r.value.map((s) => [
              s.name,
              where(s),
              s.tags.join(','),
              s.status ? (s.status.ok ? 'reachable' : (s.status.code ?? 'failed')) : 'untested',
              s.inspection?.postfixVersion ?? '',
              s.inspection
                ? new Date(s.inspection.at).toISOString().slice(0, 16).replace('T', ' ')
                : '',
            ]),
          );
          return 0;
        }
        case 'add': {
          const [name] = names;
          if (!name || names.length > 1 || !values.host)
            throw new UsageError('servers add takes one NAME and --host');
          const port = values.port === undefined ? undefined : Number(values.port);
          const r = await service.call(
            'servers.add',
            {
              name,
              host: values.host,
              ...(port !== undefined ? { port } : {}),
              ...(values.user ? { username: values.user } : {}),
              ...(values.key ? { identityFile: values.key } : {}),
              ...(values.tag ? { tags: values.tag } : {}),
              ...(values.notes ? { notes: values.notes } : {}),
            },
            CLI_ACTOR,
          );
          if (!r.ok) return fail(r.error);
          if (values.json) printJson(ctx.io.stdout, r.value);
          else
            ctx.io.stdout.write(
              `Added ${r.value.name} (${where(r.value)}). Next: mxwarden servers test ${JSON.stringify(r.value.name)}\n`,
            );
          return 0;
        }
        case 'remove': {
          if (names.length !== 1) throw new UsageError('servers remove takes one NAME');
          const s = await findServer(service, names[0] as string);
          const r = await service.call('servers.remove', { id: s.id }, CLI_ACTOR);
          return r.ok ? 0 : fail(r.error);
        }
        case 'test': {
          if (names.length !== 1) throw new UsageError('servers test takes one NAME');
          const s = await findServer(service, names[0] as string);
          const r = await interactively(
            ctx,
            service,
            s,
            !!values['remember-passphrase'],
            (passphrases) => service.call('servers.test', { id: s.id, passphrases }, CLI_ACTOR),
          );
          if (!r.ok) {
            fail(r.error);
            const fp = (r.error.detail as { fingerprint?: string } | undefined)?.fingerprint;
            if (r.error.code === 'HOST_KEY_UNKNOWN' && fp) {
              ctx.io.stderr.write(
                `After checking it, trust it with: mxwarden servers trust ${JSON.stringify(s.name)} --fingerprint ${fp}\n`,
              );
            }
            return 1;
          }
          const p = r.value.privilege;
          ctx.io.stdout.write(
            `${s.name}: connected as ${p.user} (${p.mode}), host key ${r.value.fingerprint}, ${r.value.durationMs} ms\n`,
          );
          if (p.sudoersLine)
            ctx.io.stdout.write(`To manage this server, add with visudo:\n  ${p.sudoersLine}\n`);
          return 0;
        }
        case 'trust': {
          if (names.length !== 1 || !values.fingerprint)
            throw new UsageError('servers trust takes one NAME and --fingerprint');
          const s = await findServer(service, names[0] as string);
          const r = await service.call(
            'servers.trustHostKey',
            { id: s.id, fingerprint: values.fingerprint },
            CLI_ACTOR,
          );
          if (!r.ok) return fail(r.error);
          ctx.io.stdout.write(
            `Pinned ${r.value.fingerprint} for ${s.name} in ${r.value.knownHostsFile}\n`,
          );
          return 0;
        }
        case 'inspect': {
          const list = await service.call('servers.list', undefined, CLI_ACTOR);
          if (!list.ok) return fail(list.error);
          const targets = values.all
            ? list.value
            : await Promise.all(names.map((n) => findServer(service, n)));
          if (targets.length === 0) throw new UsageError('name servers to inspect, or --all');
          const unsubscribe = service.events.subscribe('servers.progress', (p) => {
            if (isInteractive() && !values.json)
              ctx.io.stderr.write(
                `  ${p.name}: ${p.step}${p.state === 'failed' ? ' failed' : ''}\n`,
              );
          });
          let outcomes: InspectOutcome[] = [];
          const r = await service.call(
            'servers.inspect',
            { ids: targets.map((t) => t.id) },
            CLI_ACTOR,
          );
          unsubscribe();
          if (!r.ok) return fail(r.error);
          outcomes = r.value;
          if (values.json) printJson(ctx.io.stdout, outcomes);
          else {
            for (const o of outcomes) {
              if (o.ok && o.inspection) {
                printInspection(ctx, o.name, o.inspection);
                await printDrift(ctx, service, o.id, o.name);
              } else ctx.io.stdout.write(`\n${o.name}: ${o.error?.message ?? 'failed'}\n`);
            }
          }
          return outcomes.every((o) => o.ok) ? 0 : 1;
        }
        default:
          throw new UsageError('expected list, add, remove, test, trust or inspect');
      }
    });
  },
};
