// Lifecycle of a lab instance: start (or attach to a healthy running one), recover from a crash
// (stale mounts, pid files, dead daemons), stop (every process, every mount). One instance lives
// in ~/.cache/mxwarden-lab/instances/<name>/ with its state file.
// Runtime: Node (lab), root.

import fs from 'node:fs';
import path from 'node:path';
import { makeLab, type Lab } from './control';
import { frontRunning, startDns, stopFront } from './dns/service';
import { queryDns } from './dns/query';
import { LAB_ZONE } from './dns/records';
import { ensureClientKeys, publicKeys } from './keys';
import { resolveOptions, serverName, type LabOptions, type ResolvedOptions } from './layout';
import { withLock } from './lock';
import { removeUnmounted, unmountUnder } from './mounts';
import { instanceDir, instancePaths, overlayPaths } from './paths';
import { masterPid, stopPostfix } from './postfix';
import { assertPortsFree, assertRoot } from './preflight';
import { isAlive, isInside, processesRootedUnder, rootOf, terminate } from './processes';
import { ensureRootfs } from './rootfs';
import { createServer, serverProblem } from './server';
import { labCodeHash, readState, writeState } from './state';
import type { LabState } from './types';

type Log = (line: string) => void;
type Paths = ReturnType<typeof instancePaths>;

/** Why a running lab is unusable, or null when every daemon answers. */
async function labProblem(state: LabState): Promise<string | null> {
  const p = instancePaths(state.dir);
  if (!frontRunning(p.dns, state.pids.front)) return 'the DNS front is not running';
  const rbldnsdRoot = rootOf(state.pids.rbldnsd);
  if (!isAlive(state.pids.rbldnsd) || !rbldnsdRoot || !isInside(rbldnsdRoot, p.infra)) {
    return 'rbldnsd is not running';
  }
  const app = { address: '127.0.0.1', port: state.options.appDnsPort };
  if ((await queryDns(app, LAB_ZONE, 'SOA', 1000)) === null) return 'the lab DNS does not answer';
  for (const server of state.servers) {
    const problem = await serverProblem(server);
    if (problem) return problem;
  }
  return null;
}

/** Stops everything of the instance and unmounts it; works from any crashed state. */
async function teardown(p: Paths, log: Log): Promise<void> {
  await stopFront(p.dns);
  if (fs.existsSync(p.servers)) {
    for (const name of fs.readdirSync(p.servers)) {
      const root = overlayPaths(path.join(p.servers, name)).root;
      if (masterPid(root) !== null) await stopPostfix(root);
    }
  }
  // sshd and its sessions, postgrey, rbldnsd, Postfix leftovers: all rooted inside the instance.
  const left = processesRootedUnder(p.dir);
  if (left.length > 0) log(`stopping ${left.length} lab processes`);
  await terminate(left);
  await unmountUnder(p.dir, log);
  fs.rmSync(p.state, { force: true });
}

async function create(
  p: Paths,
  o: ResolvedOptions,
  rootfs: string,
  codeHash: string,
  log: Log,
): Promise<LabState> {
  removeUnmounted(p.servers);
  removeUnmounted(p.infra);
  fs.rmSync(p.dns, { recursive: true, force: true });
  await assertPortsFree(o);
  const keys = await ensureClientKeys(p.keys, o.name);
  const indexes = Array.from({ length: o.servers }, (_, i) => i);
  log(
    `DNS: ${o.dnsAddress}:53 (servers), 127.0.0.1:${o.appDnsPort} (app), rbldnsd ${o.dnsAddress}:${o.rbldnsdPort}`,
  );
  const dnsPids = await startDns({
    dnsDir: p.dns,
    infraDir: p.infra,
    rootfs,
    options: o,
    servers: indexes.map((i) => ({ hostname: `${serverName(i)}.${LAB_ZONE}` })),
  });
  const keyTexts = publicKeys(keys);
  const created = await Promise.all(
    indexes.map((index) =>
      createServer({ rootfs, serversDir: p.servers, options: o, index, publicKeys: keyTexts, log }),
    ),
  );
  const postgrey: Record<string, number> = {};
  for (const c of created) if (c.postgreyPid !== undefined) postgrey[c.info.name] = c.postgreyPid;
  return {
    version: 1,
    name: o.name,
    dir: p.dir,
    rootfs,
    codeHash,
    options: o,
    dns: { address: o.dnsAddress, port: 53, appServer: `127.0.0.1:${o.appDnsPort}` },
    keys,
    servers: created.map((c) => c.info),
    pids: { ...dnsPids, postgrey },
    startedAt: new Date().toISOString(),
  };
}

/**
 * Starts the instance, or attaches to it when it already runs healthy with the same options and
 * code. `started` tells whether this call (re)created it — whoever started it may stop it.
 */
export async function ensureLab(options: LabOptions = {}): Promise<{ lab: Lab; started: boolean }> {
  const log = options.log ?? (() => undefined);
  const o = resolveOptions(options);
  assertRoot();
  const p = instancePaths(instanceDir(o.name));
  fs.mkdirSync(p.dir, { recursive: true });
  return withLock(p.lock, async () => {
    const began = Date.now();
    const rootfs = await ensureRootfs(log);
    const codeHash = labCodeHash();
    const existing = readState(p.state);
    if (existing) {
      const same =
        existing.rootfs === rootfs &&
        existing.codeHash === codeHash &&
        JSON.stringify(existing.options) === JSON.stringify(o);
      const problem = same ? await labProblem(existing) : 'its configuration or code changed';
      if (!problem) {
        log(`lab ${o.name} is already running: attached`);
        return { lab: makeLab(existing), started: false };
      }
      log(`lab ${o.name}: ${problem}; recreating it`);
    }
    await teardown(p, log);
    try {
      const state = await create(p, o, rootfs, codeHash, log);
      writeState(p.state, state);
      log(`lab ${o.name} up in ${((Date.now() - began) / 1000).toFixed(1)} s`);
      return { lab: makeLab(state), started: true };
    } catch (err) {
      log(`lab ${o.name} failed to start, cleaning up: ${(err as Error).message}`);
      await teardown(p, log).catch((e: unknown) => log(`cleanup failed: ${String(e)}`));
      throw err;
    }
  });
}

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  return (await ensureLab(options)).lab;
}

/** Stops every process of the instance and unmounts it. Nothing stays running or mounted. */
export async function stopLab(name = 'demo', log: Log = () => undefined): Promise<void> {
  assertRoot();
  const p = instancePaths(instanceDir(name));
  if (!fs.existsSync(p.dir)) return;
  await withLock(p.lock, () => teardown(p, log));
}

/** Attaches to a running instance through its state file; throws when it is not running. */
export async function getLab(name: string): Promise<Lab> {
  const p = instancePaths(instanceDir(name));
  const state = readState(p.state);
  if (!state) throw new Error(`Lab ${name} is not running (no state file in ${p.dir})`);
  const problem = await labProblem(state);
  if (problem) throw new Error(`Lab ${name} is not healthy: ${problem}`);
  return makeLab(state);
}

/** The instance the integration tests use; their global setup starts it. */
/** The instance the test suites use: `test`, or MXWARDEN_TEST_LAB (a dev instance of layout.ts). */
export const TEST_LAB = process.env.MXWARDEN_TEST_LAB || 'test';

export function getTestLab(): Promise<Lab> {
  return getLab(TEST_LAB);
}
