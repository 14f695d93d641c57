// `mxwarden senders list | expand NAME | refresh [NAME...] | lookup ADDRESS|HOST | whitelist NAME`:
// the cloud-sender catalog, live SPF expansion with its diff, which provider owns an address, and
// one-command whitelisting (a new policy version; the push is `mxwarden push`). Data from the
// offline snapshot is always labelled as such, with its date. Runtime: Node.

import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { ProviderExpansion, SendersRefreshReport, SenderSummary } from '../../app/api';
import type { AppService } from '../../app/host';
import { CLOUD_SCOPE_WORDS } from '../../policy/cloud-senders';
import { UsageError, type CliCommand, type CliContext } from '../command';
import { CLI_ACTOR, withCore } from '../core-session';
import { printError, printJson, printTable } from '../output';

const USAGE = [
  'mxwarden senders list [--json]',
  'mxwarden senders expand NAME [--dns HOST:PORT[,…]] [--timeout MS] [--json]',
  'mxwarden senders refresh [NAME...] [--dns HOST:PORT[,…]] [--concurrency N] [--timeout MS] [--json]',
  'mxwarden senders lookup ADDRESS|HOST [--json]',
  'mxwarden senders add ID --name NAME [--category C] [--spf NAME]... [--hostname SUFFIX]... [--notes TEXT]',
  'mxwarden senders remove ID',
  'mxwarden senders whitelist NAME [--scope greylisting|postscreen|all] [--json]',
  'mxwarden senders unwhitelist NAME [--json]',
].join('\n       ');

const SCOPES = ['greylisting', 'postscreen', 'all'] as const;

/** The whitelist column: "skip greylisting", "stale (+2 −1)", "not pushed to mx2". */
function whitelistLabel(w: SenderSummary['whitelist']): string {
  if (w.state === 'off') return w.unpushed.length ? `removed; push to ${w.unpushed.join(',')}` : '';
  const scope = w.scope ? CLOUD_SCOPE_WORDS[w.scope] : '';
  if (w.state === 'stale')
    return `${scope}; STALE (+${w.changes?.added.length ?? 0} −${w.changes?.removed.length ?? 0})`;
  if (w.state === 'unpushed') return `${scope}; push to ${w.unpushed.join(',')}`;
  return scope;
}

const day = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

function dataLabel(d: SenderSummary['data']): string {
  const kept = d.carriedFrom
    ? ` (part kept from ${d.carriedFrom.origin === 'snapshot' ? `the snapshot of ${d.carriedFrom.asOf}` : day(Date.parse(d.carriedFrom.asOf))})`
    : '';
  return d.origin === 'live' ? `live ${day(d.at)} UTC${kept}` : `snapshot of ${d.asOf}`;
}

function status(s: { complete: boolean; errors: number; warnings: number }): string {
  const parts = [
    s.complete ? '' : 'incomplete',
    s.errors ? `${s.errors} error${s.errors > 1 ? 's' : ''}` : '',
    s.warnings ? `${s.warnings} warning${s.warnings > 1 ? 's' : ''}` : '',
  ].filter(Boolean);
  return parts.join(', ') || 'ok';
}

const count = (n: number, what: string, plural = `${what}s`) => `${n} ${n === 1 ? what : plural}`;

function diffLine(e: ProviderExpansion): string {
  const d = e.diff;
  if (!d) return '';
  const added = d.added.v4.length + d.added.v6.length;
  const removed = d.removed.v4.length + d.removed.v6.length;
  const against =
    d.against === 'snapshot' ? 'the snapshot' : `the expansion of ${day(d.againstAt)}`;
  if (added + removed + d.hostnamesAdded.length + d.hostnamesRemoved.length === 0)
    return `unchanged since ${against}`;
  return `changes since ${against}: +${added} −${removed} ranges${d.hostnamesAdded.length + d.hostnamesRemoved.length ? `, +${d.hostnamesAdded.length} −${d.hostnamesRemoved.length} host names` : ''}`;
}

function printExpansion(ctx: CliContext, name: string, e: ProviderExpansion): void {
  const out = ctx.io.stdout;
  const origin =
    e.origin === 'live'
      ? `live, ${day(e.at)} UTC from ${e.source.replace(/^DNS /, '')}, ${e.ms} ms, ${count(e.lookups, 'DNS lookup')}`
      : `offline snapshot of ${e.asOf} (not live): ${e.source}`;
  out.write(`${name} — ${origin}\n`);
  out.write(
    `${count(e.ranges.v4.length, 'IPv4 range')}, ${count(e.ranges.v6.length, 'IPv6 range')}, ${count(e.hostnames.length, 'host-name suffix', 'host-name suffixes')}${e.complete ? '' : ' — INCOMPLETE (see errors)'}\n`,
  );
  for (const c of [...e.ranges.v4, ...e.ranges.v6]) out.write(`  ${c}\n`);
  for (const h of e.hostnames) out.write(`  *.${h.suffix} (verified host names; from ${h.term})\n`);
  const diff = diffLine(e);
  if (diff) out.write(`${diff}\n`);
  const d = e.diff;
  if (d) {
    for (const c of [...d.added.v4, ...d.added.v6]) out.write(`  + ${c}\n`);
    for (const c of [...d.removed.v4, ...d.removed.v6]) out.write(`  − ${c}\n`);
    for (const h of d.hostnamesAdded) out.write(`  + *.${h}\n`);
    for (const h of d.hostnamesRemoved) out.write(`  − *.${h}\n`);
  }
  for (const i of e.issues.filter((x) => x.severity !== 'info'))
    out.write(`${i.severity}: ${i.message}\n`);
  for (const i of e.issues.filter((x) => x.severity === 'info')) out.write(`note: ${i.message}\n`);
}

function printReport(ctx: CliContext, r: SendersRefreshReport): void {
  printTable(
    ctx.io.stdout,
    ['provider', 'IPv4', 'IPv6', 'hosts', 'changed', 'ms', 'lookups', 'status'],
    r.providers.map((p) => [
      p.id,
      String(p.ranges.v4),
      String(p.ranges.v6),
      String(p.hostnames),
      p.diff
        ? p.changed
          ? `+${p.diff.added.v4.length + p.diff.added.v6.length} −${p.diff.removed.v4.length + p.diff.removed.v6.length}`
          : 'no'
        : '',
      String(p.ms),
      String(p.lookups),
      p.complete
        ? 'ok'
        : `incomplete: ${p.errors[0] ?? ''}${p.errors.length > 1 ? ` (+${p.errors.length - 1} more)` : ''}`,
    ]),
  );
  ctx.io.stdout.write(
    `\n${count(r.providers.length, 'provider')} in ${r.ms} ms from ${r.dnsServers.join(', ') || 'the system resolver'}: ${count(r.lookups, 'DNS lookup')} (${count(r.queries, 'query', 'queries')} sent)${r.slowest ? `; slowest ${r.slowest.id} (${r.slowest.ms} ms)` : ''}\n`,
  );
}

/** Progress on stderr while the refresh runs, for a person at a terminal. */
function watchProgress(ctx: CliContext, service: AppService, runId: string): () => void {
  const err = ctx.io.stderr as NodeJS.WriteStream;
  if (!err.isTTY) return () => {};
  return service.events.subscribe('senders.progress', (p) => {
    if (p.runId !== runId || p.state === 'running') return;
    err.write(
      `  [${p.done}/${p.total}] ${p.providerId}: ${p.state}${p.ms !== undefined ? ` (${p.ms} ms)` : ''}\n`,
    );
  });
}

async function resolveIds(service: AppService, names: string[]): Promise<string[]> {
  const r = await service.call('senders.list', undefined, CLI_ACTOR);
  if (!r.ok) throw new UsageError(r.error.message);
  return names.map((n) => {
    const key = n.toLowerCase();
    const all = r.value.providers;
    const hit =
      all.find((p) => p.id === key) ??
      all.find((p) => p.name.toLowerCase() === key) ??
      (all.filter((p) => p.name.toLowerCase().includes(key)).length === 1
        ? all.find((p) => p.name.toLowerCase().includes(key))
        : undefined);
    if (!hit) throw new UsageError(`no cloud sender "${n}" (see \`mxwarden senders list\`)`);
    return hit.id;
  });
}

export const sendersCommand: CliCommand = {
  name: 'senders',
  summary: 'Large cloud senders: catalog, live SPF expansion, refresh, lookup',
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        json: { type: 'boolean' },
        dns: { type: 'string' },
        timeout: { type: 'string' },
        concurrency: { type: 'string' },
        name: { type: 'string' },
        category: { type: 'string' },
        spf: { type: 'string', multiple: true },
        hostname: { type: 'string', multiple: true },
        notes: { type: 'string' },
        scope: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    const [sub, ...rest] = positionals;
    const int = (v: string | undefined, what: string) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0)
        throw new UsageError(`${what} takes a positive whole number`);
      return n;
    };
    const timeoutMs = int(values.timeout, '--timeout');
    const concurrency = int(values.concurrency, '--concurrency');
    const common = {
      ...(values.dns ? { dnsServers: values.dns } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    };
    switch (sub) {
      case 'list':
        if (rest.length) throw new UsageError('list takes no names');
        return withCore(ctx.dataDir, async (service) => {
          const r = await service.call('senders.list', undefined, CLI_ACTOR);
          if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
          if (values.json) return (printJson(ctx.io.stdout, r.value), 0);
          printTable(
            ctx.io.stdout,
            ['id', 'name', 'category', 'IPv4', 'IPv6', 'hosts', 'data', 'status', 'whitelist'],
            r.value.providers.map((p) => [
              p.id,
              p.name,
              p.category,
              String(p.data.v4),
              String(p.data.v6),
              String(p.data.hostnames),
              dataLabel(p.data),
              status(p.data),
              whitelistLabel(p.whitelist),
            ]),
          );
          ctx.io.stdout.write(
            `\n${count(r.value.providers.length, 'provider')}; catalog ${r.value.catalogVersion}. Providers never refreshed show the offline snapshot of ${r.value.snapshotDate} (not live data): \`mxwarden senders refresh\`.\n`,
          );
          return 0;
        });
      case 'expand':
        if (rest.length !== 1) throw new UsageError('expand takes one provider (id or name)');
        return withCore(ctx.dataDir, async (service) => {
          const [id] = await resolveIds(service, rest);
          const runId = randomUUID();
          const stop = watchProgress(ctx, service, runId);
          const r = await service.call(
            'senders.expand',
            { id: id as string, runId, ...common },
            CLI_ACTOR,
          );
          stop();
          if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
          if (values.json) printJson(ctx.io.stdout, r.value);
          else printExpansion(ctx, id as string, r.value);
          return r.value.complete ? 0 : 1;
        });
      case 'refresh':
        return withCore(ctx.dataDir, async (service) => {
          const ids = rest.length ? await resolveIds(service, rest) : undefined;
          const runId = randomUUID();
          const stop = watchProgress(ctx, service, runId);
          const r = await service.call(
            'senders.refresh',
            {
              runId,
              ...(ids ? { ids } : {}),
              ...common,
              ...(concurrency !== undefined ? { concurrency } : {}),
            },
            CLI_ACTOR,
          );
          stop();
          if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
          if (values.json) printJson(ctx.io.stdout, r.value);
          else printReport(ctx, r.value);
          return r.value.providers.every((p) => p.complete) ? 0 : 1;
        });
      case 'lookup':
        if (rest.length !== 1) throw new UsageError('lookup takes one address or host name');
        return withCore(ctx.dataDir, async (service) => {
          const r = await service.call('senders.lookup', { target: rest[0] as string }, CLI_ACTOR);
          if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
          if (values.json) return (printJson(ctx.io.stdout, r.value), 0);
          const m = r.value;
          if (!m) return (ctx.io.stdout.write(`${rest[0]}: no known cloud sender\n`), 0);
          const data =
            m.origin === 'live' ? `live data of ${m.asOf}` : `offline snapshot of ${m.asOf}`;
          ctx.io.stdout.write(
            m.match === 'range'
              ? `${rest[0]}: ${m.name} (${m.provider}), range ${m.range} — ${data}\n`
              : `${rest[0]}: ${m.name} (${m.provider}), host names *.${m.suffix} (only if forward-confirmed) — ${data}\n`,
          );
          return 0;
        });
      case 'add':
        if (rest.length !== 1 || !values.name) throw new UsageError('add takes one id and --name');
        return withCore(ctx.dataDir, async (service) => {
          const r = await service.call(
            'senders.add',
            {
              id: rest[0] as string,
              name: values.name as string,
              category: (values.category ?? 'other') as 'other',
              ...(values.spf ? { spf: values.spf } : {}),
              ...(values.hostname ? { hostnames: values.hostname } : {}),
              ...(values.notes ? { notes: values.notes } : {}),
            },
            CLI_ACTOR,
          );
          if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
          if (values.json) return (printJson(ctx.io.stdout, r.value), 0);
          ctx.io.stdout.write(
            `added ${r.value.id} (${r.value.name}); expand it with \`mxwarden senders expand ${r.value.id}\`\n`,
          );
          return 0;
        });
      case 'remove':
        if (rest.length !== 1) throw new UsageError('remove takes one id');
        return withCore(ctx.dataDir, async (service) => {
          const r = await service.call('senders.remove', { id: rest[0] as string }, CLI_ACTOR);
          if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
          ctx.io.stdout.write(`removed ${r.value.id}\n`);
          return 0;
        });
      case 'whitelist':
      case 'unwhitelist': {
        if (rest.length !== 1) throw new UsageError(`${sub} takes one provider (id or name)`);
        const scope = values.scope;
        if (scope !== undefined && !(SCOPES as readonly string[]).includes(scope))
          throw new UsageError(`--scope takes ${SCOPES.join(', ')}`);
        return withCore(ctx.dataDir, async (service) => {
          const [id] = await resolveIds(service, rest);
          const r =
            sub === 'whitelist'
              ? await service.call(
                  'senders.whitelist',
                  {
                    id: id as string,
                    ...(scope ? { scope: scope as (typeof SCOPES)[number] } : {}),
                  },
                  CLI_ACTOR,
                )
              : await service.call('senders.unwhitelist', { id: id as string }, CLI_ACTOR);
          if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
          if (values.json) return (printJson(ctx.io.stdout, r.value), 0);
          ctx.io.stdout.write(
            `policy version ${r.value.versionId}: ${r.value.message}\n${r.value.changes.map((c) => `  ${c.section}: ${c.text}\n`).join('')}push it with \`mxwarden push --all\`\n`,
          );
          return 0;
        });
      }
      default:
        throw new UsageError(
          'expected list, expand, refresh, lookup, add, remove, whitelist or unwhitelist',
        );
    }
  },
};
