// The shapes the lab hands to tests, benchmarks and the CLI: what a server is, what inspecting
// it must find, and the running lab's state as saved in the instance's state file.
// Runtime: Node (lab) — types only.

import type { Internet } from './internet';
import type { ResolvedOptions } from './layout';

/** One DNS list a server consults. */
export interface RblUse {
  zone: string;
  /** Return-code filter as Postfix writes it, e.g. `127.0.0.[2..11]`. */
  filter?: string;
  /**
   * postscreen weight (negative for an allowlist). For `reject_rbl_client` in smtpd (via
   * 'smtpd') it is 1: one hit rejects.
   */
  weight: number;
  via: 'postscreen' | 'smtpd';
}

/** What inspection of a server must find; derived from the constants that configured it. */
export interface LabServerExpected {
  postfixVersion: string;
  postscreen: boolean;
  postgrey: boolean;
  rbls: RblUse[];
  /** postscreen_dnsbl_threshold when postscreen is on. */
  dnsblThreshold?: number;
  logFile: string;
  /** Users the lab's sudoers lets run the Postfix tools (root can anyway). */
  sudoUsers: string[];
}

export interface LabUser {
  name: string;
  /** May run the Postfix tools through sudo without a password. */
  sudo: boolean;
}

export interface LabServerInfo {
  name: string;
  hostname: string;
  /** The merged overlay directory: the server's `/` seen from the host. */
  root: string;
  ssh: {
    host: '127.0.0.1';
    port: number;
    /** As OpenSSH prints it: `SHA256:...`. */
    hostKeyFingerprint: string;
    /** A known_hosts line for this server: `[127.0.0.1]:port ssh-ed25519 AAAA...`. */
    knownHostsLine: string;
  };
  smtpdPort: number;
  postscreenPort?: number;
  postgreyPort?: number;
  /** The Postfix log, as a path inside the server. */
  logFile: string;
  users: { root: LabUser; mailadmin: LabUser; auditor: LabUser };
  expected: LabServerExpected;
}

export interface LabKeys {
  /** Private key without passphrase (OpenSSH format, ed25519). */
  plain: string;
  encrypted: { path: string; passphrase: string };
}

export interface LabDns {
  /** Where the servers' resolvers ask (port 53). */
  address: string;
  port: 53;
  /** `127.0.0.1:<port>`: the DNS server to configure in the app. */
  appServer: string;
}

/** Everything saved in the instance's state file. */
export interface LabState {
  version: 1;
  name: string;
  dir: string;
  rootfs: string;
  /** Hash of the lab's source: a running lab made by other code is recreated. */
  codeHash: string;
  options: ResolvedOptions;
  dns: LabDns;
  keys: LabKeys;
  servers: LabServerInfo[];
  pids: { front: number; rbldnsd: number; postgrey: Record<string, number> };
  startedAt: string;
}

export type { Internet };
