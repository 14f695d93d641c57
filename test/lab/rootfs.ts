// The lab's Debian root filesystem: built once with mmdebstrap from the host's apt sources and
// cached outside the repo under a name that hashes the package list and recipe, so it is rebuilt
// only when those change. Built in a temporary directory and renamed into place, so a crashed
// build never leaves a half root filesystem behind.
// Runtime: Node (lab), root.

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { mountsUnder, removeUnmounted, unmountUnder } from './mounts';
import { isAlive } from './processes';
import { labCacheDir } from './paths';

/** Everything the lab servers need, plus peers that later benchmarks compare against. */
export const LAB_PACKAGES = [
  'openssh-server',
  'postfix',
  'postgrey',
  'rbldnsd',
  'sudo',
  'swaks',
  'dnsutils',
  'policyd-weight',
  'pflogsumm',
  'procps',
  'rsyslog',
] as const;

export const SUITE = 'bookworm';
/** Bump when the recipe below changes in a way that must produce a different root filesystem. */
const RECIPE_VERSION = 1;
/** With this answer the package installs no main.cf: the lab writes each server's own. */
const POSTFIX_PRESEED = 'postfix postfix/main_mailer_type select No configuration';
const PRESEED_HOOK = `echo '${POSTFIX_PRESEED}' | chroot "$1" debconf-set-selections`;
/** mmdebstrap removes its own policy-rc.d at the end; this one stays so that later package
 * operations inside a server start no daemons on the host's network either. */
const POLICY_RC_D = '#!/bin/sh\n# mxwarden lab: package scripts start no daemons.\nexit 101\n';

export function rootfsHash(): string {
  const recipe = JSON.stringify({
    packages: LAB_PACKAGES,
    suite: SUITE,
    recipe: RECIPE_VERSION,
    preseed: POSTFIX_PRESEED,
  });
  return crypto.createHash('sha256').update(recipe).digest('hex').slice(0, 12);
}

export function rootfsDir(): string {
  return path.join(labCacheDir(), `rootfs-${rootfsHash()}`);
}

/** The host's Debian sources (deb822 or one-line file), passed to mmdebstrap as a file. */
function hostSources(): string[] {
  const candidates = ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list'];
  const file = candidates.find((f) => {
    try {
      return fs.statSync(f).size > 0;
    } catch {
      return false;
    }
  });
  return file ? [file] : [];
}

/** Leftovers of builds whose process died: mmdebstrap may have left mounts inside them. */
async function removeStaleBuilds(cache: string, log: (line: string) => void) {
  for (const entry of fs.readdirSync(cache)) {
    const m = /^rootfs-[0-9a-f]{12}\.building-(\d+)$/.exec(entry);
    if (!m || isAlive(Number(m[1]))) continue;
    const dir = path.join(cache, entry);
    log(`removing an interrupted root filesystem build: ${dir}`);
    await unmountUnder(dir, log);
    removeUnmounted(dir);
  }
}

function mmdebstrap(target: string, log: (line: string) => void): Promise<void> {
  const argv = [
    '--variant=apt',
    `--include=${LAB_PACKAGES.join(',')}`,
    `--essential-hook=${PRESEED_HOOK}`,
    SUITE,
    target,
    ...hostSources(),
  ];
  log(`mmdebstrap ${argv.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn('mmdebstrap', argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    let tail: string[] = [];
    const onData = (d: Buffer) => {
      for (const line of d.toString().split('\n').filter(Boolean)) {
        tail = [...tail.slice(-30), line];
        // mmdebstrap's "I:" lines are its progress; the rest is package chatter.
        if (line.startsWith('I:') || line.startsWith('E:')) log(`  ${line}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) =>
      reject(
        new Error(
          `Cannot run mmdebstrap (${err.message}). Install it: build/setup-host.sh or apt-get install mmdebstrap`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`mmdebstrap failed (exit ${code}):\n${tail.join('\n')}`)),
    );
  });
}

/**
 * Root filesystems of earlier recipes take 280 MB each: remove those no overlay uses any more
 * (a running lab made from an old one keeps it until it is stopped).
 */
function removeUnusedRootfs(current: string, log: (line: string) => void) {
  const cache = path.dirname(current);
  const mountinfo = fs.readFileSync('/proc/self/mountinfo', 'utf8');
  for (const entry of fs.readdirSync(cache)) {
    const dir = path.join(cache, entry);
    if (!/^rootfs-[0-9a-f]{12}$/.test(entry) || dir === current) continue;
    if (mountinfo.includes(`lowerdir=${dir},`) || mountsUnder(dir).length > 0) continue;
    log(`removing an outdated root filesystem: ${dir}`);
    removeUnmounted(dir);
  }
}

/** Returns the cached root filesystem, building it first when the recipe changed. */
export async function ensureRootfs(log: (line: string) => void): Promise<string> {
  const target = rootfsDir();
  if (fs.existsSync(path.join(target, '.mxwarden-rootfs.json'))) return target;
  const cache = labCacheDir();
  fs.mkdirSync(cache, { recursive: true });
  await removeStaleBuilds(cache, log);
  const building = `${target}.building-${process.pid}`;
  const started = Date.now();
  log(`building the lab root filesystem (${SUITE}: ${LAB_PACKAGES.join(' ')}), about 30 s`);
  try {
    await mmdebstrap(building, log);
    fs.writeFileSync(path.join(building, 'usr/sbin/policy-rc.d'), POLICY_RC_D, { mode: 0o755 });
    // Package scripts made host keys; every server gets its own instead.
    for (const f of fs.readdirSync(path.join(building, 'etc/ssh'))) {
      if (f.startsWith('ssh_host_')) fs.rmSync(path.join(building, 'etc/ssh', f));
    }
    fs.writeFileSync(
      path.join(building, '.mxwarden-rootfs.json'),
      `${JSON.stringify({ packages: LAB_PACKAGES, suite: SUITE, recipe: RECIPE_VERSION, builtAt: new Date().toISOString() }, null, 2)}\n`,
    );
    if (fs.existsSync(target) && !fs.existsSync(path.join(target, '.mxwarden-rootfs.json'))) {
      removeUnmounted(target);
    }
    try {
      fs.renameSync(building, target);
    } catch (err) {
      // Another lab start finished the same build first: use theirs.
      if (!fs.existsSync(path.join(target, '.mxwarden-rootfs.json'))) throw err;
      removeUnmounted(building);
    }
  } catch (err) {
    await unmountUnder(building, log).catch(() => undefined);
    if (fs.existsSync(building)) removeUnmounted(building);
    throw err;
  }
  log(`root filesystem ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${target}`);
  removeUnusedRootfs(target, log);
  return target;
}
