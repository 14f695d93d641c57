// The Lab object handed to tests: the running instance's facts plus the controls that fault
// tests need (run a command inside a server, stop/start/kill its sshd, change its host key,
// drive its Postfix, read its log, restart its postgrey with other options). Built from the state file, so any process can attach.
// Runtime: Node (lab), root.

import fs from 'node:fs';
import path from 'node:path';
import { INTERNET, type Internet } from './internet';
import type { ResolvedOptions } from './layout';
import { withLock } from './lock';
import { instancePaths } from './paths';
import { postfixCommand } from './postfix';
import { POSTGREY_LOG, restartPostgrey } from './postgrey';
import { runIn, type RunResult } from './run';
import {
  generateHostKey,
  hostKeyInfo,
  killSshdAndSessions,
  cutSshSessions,
  startSshd,
  stopSshd,
} from './sshd';
import { readState, writeState } from './state';
import type { LabDns, LabKeys, LabServerInfo, LabState } from './types';

export type ServerRef = LabServerInfo | string;

export interface Lab {
  name: string;
  dir: string;
  options: ResolvedOptions;
  dns: LabDns;
  keys: LabKeys;
  internet: Internet;
  servers: LabServerInfo[];
  server(name: string): LabServerInfo;
  /** Runs argv inside the server's chroot as root (from the host side, not over SSH). */
  exec(
    server: ServerRef,
    argv: readonly string[],
    options?: { input?: string; timeoutMs?: number },
  ): Promise<RunResult>;
  /** Stops the listener; open sessions survive, as with a real sshd restart. */
  stopSshd(server: ServerRef): Promise<void>;
  startSshd(server: ServerRef): Promise<void>;
  /** Kills the listener and every session process of the server's sshd. */
  killSshdSessions(server: ServerRef): Promise<void>;
  /** Kills the server's SSH sessions only: connections drop, new ones are accepted. */
  cutSshSessions(server: ServerRef): Promise<void>;
  /** New host key, sshd restarted; returns the new SHA256 fingerprint. */
  regenerateHostKey(server: ServerRef): Promise<string>;
  postfix(server: ServerRef, action: 'reload' | 'stop' | 'start'): Promise<RunResult>;
  /** The server's Postfix log (its maillog_file) as text. */
  readLog(server: ServerRef): string;
  /**
   * Restarts the server's postgrey with these options (e.g. a compiled configuration's) instead
   * of the lab's; `forget` empties its database first. Throws for a server without postgrey.
   */
  restartPostgrey(
    server: ServerRef,
    options: readonly string[],
    opts?: { forget?: boolean },
  ): Promise<void>;
  /** postgrey's log (the foreground daemon's output) as text. */
  readPostgreyLog(server: ServerRef): string;
}

export function makeLab(state: LabState): Lab {
  const servers = state.servers;
  const resolve = (ref: ServerRef): LabServerInfo => {
    const name = typeof ref === 'string' ? ref : ref.name;
    const server = servers.find((s) => s.name === name);
    if (!server) throw new Error(`lab ${state.name} has no server ${name}`);
    return server;
  };
  const paths = instancePaths(state.dir);

  return {
    name: state.name,
    dir: state.dir,
    options: state.options,
    dns: state.dns,
    keys: state.keys,
    internet: INTERNET,
    servers,
    server: resolve,
    exec: (ref, argv, options) => runIn(resolve(ref).root, argv, options),
    stopSshd: (ref) => stopSshd(resolve(ref).root),
    startSshd: async (ref) => {
      const s = resolve(ref);
      await startSshd(s.root, s.ssh.port);
    },
    killSshdSessions: (ref) => killSshdAndSessions(resolve(ref).root),
    cutSshSessions: (ref) => cutSshSessions(resolve(ref).root),
    regenerateHostKey: async (ref) => {
      const s = resolve(ref);
      await stopSshd(s.root);
      await generateHostKey(s.root, `root@${s.hostname}`);
      await startSshd(s.root, s.ssh.port);
      Object.assign(s.ssh, await hostKeyInfo(s.root, s.ssh.port));
      // Other processes attach through the state file: it must show the new key too.
      await withLock(paths.lock, async () => {
        const saved = readState(paths.state);
        const target = saved?.servers.find((x) => x.name === s.name);
        if (saved && target) {
          target.ssh = { ...s.ssh };
          writeState(paths.state, saved);
        }
      });
      return s.ssh.hostKeyFingerprint;
    },
    postfix: (ref, action) => postfixCommand(resolve(ref).root, action),
    readLog: (ref) => {
      const s = resolve(ref);
      const file = path.join(s.root, s.logFile);
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    },
    restartPostgrey: async (ref, options, opts = {}) => {
      const s = resolve(ref);
      if (s.postgreyPort === undefined)
        throw new Error(`${s.name} of lab ${state.name} has no postgrey`);
      await restartPostgrey(s.root, s.postgreyPort, options, opts.forget ?? false);
    },
    readPostgreyLog: (ref) => {
      const file = path.join(resolve(ref).root, POSTGREY_LOG);
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    },
  };
}
