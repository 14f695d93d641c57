// `mxwarden check ADDRESS`: Check IP on the command line. Runtime: Node.

import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { CheckReport } from '../../app/api';
import { UsageError, type CliCommand, type CliContext } from '../command';
import { CLI_ACTOR, withCore } from '../core-session';
import { printError, printJson, printTable } from '../output';

function printReport(ctx: CliContext, r: CheckReport): void {
  const out = ctx.io.stdout;
  const v = r.verdict;
  out.write(
    `${r.address}${r.addresses.length > 1 ? ` (one of ${r.addresses.join(', ')})` : ''} — policy: ${r.policy.name}, as ${v.profile}\n\n`,
  );
  if (r.lists.length) {
    printTable(
      out,
      ['list', 'answer', 'weight', 'counts', 'ms'],
      r.lists.map((l) => [
        `${l.zone}${l.filter ? `=${l.filter}` : ''}`,
        l.status === 'listed' ? l.answers.join(',') : l.status,
        String(l.weight),
        l.matched ? (l.dryRun ? 'dry-run' : 'yes') : '',
        String(l.ms),
      ]),
    );
    out.write(`score ${r.score} (threshold ${r.threshold})\n\n`);
  }
  const rdns = r.rdns.verifiedName
    ? `${r.rdns.verifiedName} (forward-confirmed)`
    : r.rdns.names.length
      ? `${r.rdns.names.join(', ')} (not forward-confirmed)`
      : r.rdns.status === 'none'
        ? 'no PTR'
        : `lookup ${r.rdns.status}`;
  printTable(
    out,
    ['', ''],
    [
      ['reverse DNS', rdns],
      ['SPF', r.spf ? `${r.spf.result} for ${r.spf.domain}` : 'not checked (no sender)'],
      [
        'organisation',
        [
          r.organisation.client && `client ${r.organisation.client}`,
          r.organisation.sender && `sender ${r.organisation.sender}`,
        ]
          .filter(Boolean)
          .join(', ') || '—',
      ],
    ],
  );
  out.write(`\n${v.action.toUpperCase()}: ${v.reply}\n${v.summary}\n\ntrace:\n`);
  for (const t of v.trace)
    out.write(
      `  [${t.stage}] ${t.check}: ${t.status}${t.dryRun ? ' (dry-run)' : ''} — ${t.detail}${t.ms ? ` (${t.ms} ms)` : ''}\n`,
    );
  for (const n of r.notes) out.write(`note: ${n}\n`);
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'What would the servers do with this client, and why (Check IP)',
  usage:
    'mxwarden check ADDRESS|HOST [--helo H] [--from SENDER] [--to RECIPIENT] [--policy FILE] [--dns HOST:PORT[,…]] [--server NAME] [--json]',
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        helo: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        policy: { type: 'string' },
        dns: { type: 'string' },
        server: { type: 'string' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new UsageError('give one address or host name');
    let policy: unknown;
    if (values.policy) {
      try {
        policy = JSON.parse(fs.readFileSync(values.policy, 'utf8'));
      } catch (e) {
        ctx.io.stderr.write(
          `mxwarden check: cannot read the policy ${values.policy}: ${(e as Error).message}\n`,
        );
        return 1;
      }
    }
    return withCore(ctx.dataDir, async (service) => {
      let serverId: number | undefined;
      if (values.server) {
        const list = await service.call('servers.list', undefined, CLI_ACTOR);
        serverId = list.ok ? list.value.find((s) => s.name === values.server)?.id : undefined;
        if (serverId === undefined) throw new UsageError(`no server named "${values.server}"`);
      }
      const r = await service.call(
        'check.run',
        {
          runId: randomUUID(),
          target: positionals[0] as string,
          ...(values.helo ? { helo: values.helo } : {}),
          ...(values.from !== undefined ? { sender: values.from } : {}),
          ...(values.to ? { recipient: values.to } : {}),
          ...(serverId !== undefined ? { serverId } : {}),
          ...(policy !== undefined ? { policy } : {}),
          ...(values.dns ? { dnsServers: values.dns } : {}),
        },
        CLI_ACTOR,
      );
      if (!r.ok) return (printError(ctx.io.stderr, r.error), 1);
      if (values.json) printJson(ctx.io.stdout, r.value);
      else printReport(ctx, r.value);
      return 0;
    });
  },
};
