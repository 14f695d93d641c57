// `mxwarden policyd`: the policy service for Postfix (check_policy_service), a thin wrapper
// around core/policyd/server.ts. Logs to stderr; SIGHUP reloads the policy file (a bad file is
// reported and the running policy kept); SIGTERM/SIGINT stop it after answering what was asked.
// Runtime: Node.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { appVersion } from '../../app/version';
import { DnsClient } from '../../net/dns-client';
import { lineLog } from '../../policyd/line-log';
import { parseListenAddress } from '../../policyd/listen-address';
import { loadPolicyFile } from '../../policyd/policy-file';
import { startPolicyServer, type SyncMode } from '../../policyd/server';
import { UsageError, type CliCommand } from '../command';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} takes a positive whole number`);
  return n;
}

export const policydCommand: CliCommand = {
  name: 'policyd',
  summary: "Run mxwarden's policy service for Postfix (greylisting, SPF) on a TCP or unix socket",
  usage:
    'mxwarden policyd --policy FILE.json [--listen 127.0.0.1:10040|unix:/path] [--state FILE.db] ' +
    '[--max-request BYTES] [--idle-timeout SECONDS] [--max-connections N] [--sync normal|full] ' +
    '[--dns HOST:PORT[,…]]',
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: {
        listen: { type: 'string', default: '127.0.0.1:10040' },
        policy: { type: 'string' },
        state: { type: 'string', default: 'mxwarden-policyd.db' },
        'max-request': { type: 'string' },
        'idle-timeout': { type: 'string' },
        'max-connections': { type: 'string' },
        sync: { type: 'string', default: 'normal' },
        dns: { type: 'string' },
      },
      strict: true,
    });
    if (!values.policy) throw new UsageError('--policy FILE.json is required');
    const listen = parseListenAddress(values.listen);
    if (!listen.ok) throw new UsageError(listen.why);
    if (values.sync !== 'normal' && values.sync !== 'full')
      throw new UsageError('--sync takes normal or full');
    const maxRequestBytes = positiveInt('--max-request', values['max-request'], 64 * 1024);
    const idleTimeoutSeconds = positiveInt('--idle-timeout', values['idle-timeout'], 300);
    const maxConnections = positiveInt('--max-connections', values['max-connections'], 500);
    const policyFile = path.resolve(values.policy);
    const statePath = path.resolve(values.state);
    const err = ctx.io.stderr;

    const loaded = loadPolicyFile(policyFile);
    if (!loaded.ok) {
      err.write(`mxwarden policyd: the policy ${policyFile} is not usable:\n`);
      for (const p of loaded.problems) err.write(`  - ${p}\n`);
      return 1;
    }
    const log = lineLog(err);
    let server;
    try {
      server = await startPolicyServer({
        listen: listen.address,
        policy: loaded.policy,
        statePath,
        sync: values.sync as SyncMode,
        dns: new DnsClient(values.dns ? { servers: values.dns.split(',') } : {}),
        maxRequestBytes,
        idleTimeoutSeconds,
        maxConnections,
        log,
      });
    } catch (e) {
      const code = (e as { code?: string }).code;
      err.write(
        code === 'EADDRINUSE'
          ? `mxwarden policyd: ${values.listen} is in use\n`
          : `mxwarden policyd: ${(e as Error).message}\n`,
      );
      return 1;
    }
    log(
      `mxwarden ${appVersion()} policy service listening on ${server.address} ` +
        `(policy "${loaded.policy.name}" from ${policyFile}, state ${statePath}, sync ${values.sync})`,
    );
    log.flush();

    return await new Promise<number>((resolve) => {
      const reload = () => {
        const next = loadPolicyFile(policyFile);
        if (next.ok) {
          server.setPolicy(next.policy);
          log(`policy reloaded: "${next.policy.name}" from ${policyFile}`);
        } else
          log(
            `policy NOT reloaded, the running one stays: ${next.problems.join('; ')} (${policyFile})`,
          );
      };
      const stop = (signal: string) => {
        process.off('SIGHUP', reload);
        process.off('SIGTERM', onTerm);
        process.off('SIGINT', onInt);
        log(`stopping (${signal}): answering what was asked, accepting nothing new`);
        void server.close().then(
          () => {
            const s = server.stats;
            const answers = Object.entries(s.answers).map(([k, v]) => `${k} ${v}`);
            log(
              `stopped after ${s.requests} requests (${answers.join(', ') || 'none answered'}; ` +
                `${s.store.commits} commits, ${s.refusedRequests} refused, ${s.internalErrors} internal errors)`,
            );
            log.flush();
            resolve(0);
          },
          (e: unknown) => {
            log(`stopping failed: ${(e as Error).message}`);
            log.flush();
            resolve(1);
          },
        );
      };
      const onTerm = () => stop('SIGTERM');
      const onInt = () => stop('SIGINT');
      process.on('SIGHUP', reload);
      process.once('SIGTERM', onTerm);
      process.once('SIGINT', onInt);
    });
  },
};
