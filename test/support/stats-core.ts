// A real core that follows the lab servers' logs (the tail a desktop app or `mxwarden serve`
// runs), with the servers added, their host keys pinned from the lab's state, tested and
// inspected — and helpers to read the dashboard's seed counts per server through the API.

import fs from 'node:fs';
import path from 'node:path';
import type { TailStatus } from '../../core/app/api';
import { createAppService, type AppService } from '../../core/app/service';
import { MemorySecretStore } from '../../core/secrets/memory-secret-store';
import { openStore } from '../../core/store/database';
import type { Lab } from '../lab/index';
import type { Counts } from './traffic';

export const ACTOR = { actor: 'test' };

export interface TailingCore {
  service: AppService;
  dataDir: string;
  serverIds: Record<string, number>;
  statuses: Map<string, TailStatus>;
  close(): Promise<void>;
}

/** Known hosts and an empty ssh config, so nothing of the machine's own ~/.ssh is used. */
export function labSshFiles(lab: Lab, dir: string): { knownHosts: string; sshConfig: string } {
  const knownHosts = path.join(dir, 'known_hosts');
  fs.writeFileSync(knownHosts, `${lab.servers.map((s) => s.ssh.knownHostsLine).join('\n')}\n`);
  const sshConfig = path.join(dir, 'ssh_config');
  fs.writeFileSync(sshConfig, '');
  return { knownHosts, sshConfig };
}

export async function tailingCore(
  lab: Lab,
  dataDir: string,
  servers: readonly string[] = lab.servers.map((s) => s.name),
  /** Tests poll faster than the product (200 ms); the benchmark measures the product's. */
  tailOptions: { pollMs?: number } = { pollMs: 100 },
): Promise<TailingCore> {
  const store = openStore(path.join(dataDir, 'mxwarden.db'));
  const service = createAppService({
    store,
    secrets: new MemorySecretStore(),
    host: 'browser',
    dataDir,
    tail: true,
    tailOptions,
    log: () => {},
  });
  const statuses = new Map<string, TailStatus>();
  service.events.subscribe('tail.status', (s) => statuses.set(s.name, s));
  const { knownHosts, sshConfig } = labSshFiles(lab, dataDir);
  const set = await service.call(
    'settings.set',
    { knownHostsPath: knownHosts, sshConfigPath: sshConfig, dnsServers: lab.dns.appServer },
    ACTOR,
  );
  if (!set.ok) throw new Error(set.error.message);
  const serverIds: Record<string, number> = {};
  for (const name of servers) {
    const s = lab.server(name);
    const added = await service.call(
      'servers.add',
      {
        name,
        host: s.ssh.host,
        port: s.ssh.port,
        // Postfix's postlogd recreates maillog_file readable by root only (0600) when it
        // rotates it: following the log takes root here, as on such a real server.
        username: 'root',
        identityFile: lab.keys.plain,
      },
      ACTOR,
    );
    if (!added.ok) throw new Error(added.error.message);
    serverIds[name] = added.value.id;
  }
  // The inspection tells the tail where each log is and how postgrey forms its triplets.
  const inspected = await service.call('servers.inspect', { ids: Object.values(serverIds) }, ACTOR);
  if (!inspected.ok) throw new Error(inspected.error.message);
  for (const o of inspected.value)
    if (!o.ok) throw new Error(`${o.name}: ${o.error?.message ?? 'failed'}`);
  return {
    service,
    dataDir,
    serverIds,
    statuses,
    close: async () => {
      service.close();
      await service.closed;
    },
  };
}

/** The dashboard's seed table per server (key → count) over the last `days` days. */
export async function seedCounts(service: AppService, days = 2): Promise<Counts> {
  const sources = await service.call('stats.sources', undefined, ACTOR);
  if (!sources.ok) throw new Error(sources.error.message);
  const out: Counts = {};
  const now = Date.now();
  for (const s of sources.value) {
    const d = await service.call(
      'stats.dashboard',
      { from: now - days * 86_400_000, to: now + 3_600_000, sourceIds: [s.id] },
      ACTOR,
    );
    if (!d.ok) throw new Error(d.error.message);
    out[s.name] = Object.fromEntries(d.value.seed.rows.map((r) => [r.key, r.count]));
  }
  return out;
}

/** Waits until every server's tail follows its log and the counts stop moving. */
export async function settled(
  core: TailingCore,
  quietMs = 1200,
  timeoutMs = 60_000,
): Promise<Counts> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let since = Date.now();
  for (;;) {
    const counts = await seedCounts(core.service);
    const json = JSON.stringify(counts);
    const following = Object.keys(core.serverIds).every(
      (n) => core.statuses.get(n)?.state === 'following',
    );
    if (json !== last || !following) {
      last = json;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return counts;
    if (Date.now() > deadline)
      throw new Error(
        `the log tail did not settle: ${JSON.stringify([...core.statuses.values()])}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}
