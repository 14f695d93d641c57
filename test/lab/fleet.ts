// What each lab server is configured to do, as data: the filtering profile of mx1, mx2, mx3
// (different on purpose, so that inspecting the fleet has differences to find), the users and the
// sudo rights. Configuration files and the `expected` inspection results are both derived from
// these constants, never written twice.
// Runtime: Node (lab) — pure.

import type { LabServerExpected, RblUse } from './types';

export interface PostscreenProfile {
  sites: RblUse[];
  threshold: number;
  /** postscreen_dnsbl_allowlist_threshold: a score at or below it skips the greet test. */
  allowlistThreshold: number;
  dnsblAction: 'enforce' | 'drop' | 'ignore';
  greetAction: 'enforce' | 'drop' | 'ignore';
}

export interface ServerProfile {
  /** maillog_file: different paths on purpose (the app must find each server's log). */
  logFile: string;
  postscreen?: PostscreenProfile;
  /** reject_rbl_client entries in smtpd_recipient_restrictions. */
  smtpdRbls: RblUse[];
  rejectUnknownReverseClient: boolean;
  postgrey: boolean;
}

const MX1: ServerProfile = {
  logFile: '/var/log/postfix.log',
  postscreen: {
    sites: [
      { zone: 'zen.lab.example', filter: '127.0.0.[2..11]', weight: 3, via: 'postscreen' },
      { zone: 'bl.lab.example', weight: 2, via: 'postscreen' },
      { zone: 'wl.lab.example', filter: '127.0.[0..255].[1..3]', weight: -2, via: 'postscreen' },
    ],
    threshold: 3,
    allowlistThreshold: -1,
    dnsblAction: 'enforce',
    greetAction: 'enforce',
  },
  smtpdRbls: [],
  rejectUnknownReverseClient: false,
  postgrey: true,
};

const MX2: ServerProfile = {
  logFile: '/var/log/postfix.log',
  postscreen: {
    sites: [
      { zone: 'zen.lab.example', filter: '127.0.0.[4..7]', weight: 4, via: 'postscreen' },
      { zone: 'zen.lab.example', filter: '127.0.0.2', weight: 3, via: 'postscreen' },
      { zone: 'bl.lab.example', filter: '127.0.0.2', weight: 1, via: 'postscreen' },
      { zone: 'wl.lab.example', filter: '127.0.10.[2..3]', weight: -4, via: 'postscreen' },
    ],
    threshold: 4,
    allowlistThreshold: 0,
    dnsblAction: 'enforce',
    greetAction: 'enforce',
  },
  smtpdRbls: [],
  rejectUnknownReverseClient: true,
  postgrey: true,
};

const MX3: ServerProfile = {
  logFile: '/var/log/mail.log',
  smtpdRbls: [{ zone: 'zen.lab.example', weight: 1, via: 'smtpd' }],
  rejectUnknownReverseClient: false,
  postgrey: false,
};

export const PROFILES: readonly ServerProfile[] = [MX1, MX2, MX3];

/** Servers beyond the third repeat the profiles in order. */
export function profileFor(index: number): ServerProfile {
  return PROFILES[index % PROFILES.length] ?? MX1;
}

/** The only commands the restricted admin may run through sudo (without a password). */
export const SUDO_COMMANDS = [
  '/usr/sbin/postfix',
  '/usr/sbin/postconf',
  '/usr/sbin/postmap',
  '/usr/sbin/postqueue',
  '/usr/sbin/postsuper',
  '/usr/sbin/postmulti',
] as const;

/** What a push adds (core/servers/ssh/privilege.ts PUSH_TOOLS): the lab's admin has it all. */
export const PUSH_SUDO_COMMANDS = [
  '/usr/bin/install',
  '/usr/bin/mv',
  '/usr/bin/rm',
  '/usr/bin/chown',
  '/usr/bin/flock',
  '/usr/sbin/service',
] as const;

export const LOGIN_USERS = {
  root: { name: 'root', sudo: true },
  mailadmin: { name: 'mailadmin', sudo: true },
  auditor: { name: 'auditor', sudo: false },
} as const;

/** Local mailboxes so that recipients in lab.example exist (unknown ones are rejected). */
export const MAILBOX_USERS = ['alice', 'bob'] as const;
export const ALIASES: Readonly<Record<string, string>> = {
  postmaster: 'root',
  abuse: 'postmaster',
  root: 'alice',
};

export const LOCAL_DOMAIN = 'lab.example';

export function expectedFor(profile: ServerProfile, postfixVersion: string): LabServerExpected {
  return {
    postfixVersion,
    postscreen: profile.postscreen !== undefined,
    postgrey: profile.postgrey,
    rbls: [...(profile.postscreen?.sites ?? []), ...profile.smtpdRbls].map((r) => ({ ...r })),
    ...(profile.postscreen ? { dnsblThreshold: profile.postscreen.threshold } : {}),
    logFile: profile.logFile,
    sudoUsers: Object.values(LOGIN_USERS)
      .filter((u) => u.sudo && u.name !== 'root')
      .map((u) => u.name),
  };
}
