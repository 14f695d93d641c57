// Values of the server inventory as they cross the API. Runtime: types only.

import type { ApiErrorCode } from '../api';

/** What the admin types to add or edit a server. Every text is stored verbatim. */
export interface ServerInput {
  name: string;
  /** An alias from ~/.ssh/config, or a host name / address. */
  host: string;
  /** Empty = from the ssh config, else 22. */
  port?: number | null;
  /** Empty = from the ssh config, else the local user name. */
  username?: string | null;
  identityFile?: string | null;
  tags?: string[];
  notes?: string;
}

/** Where the connection really goes after ~/.ssh/config is applied. */
export type ResolvedTarget =
  | {
      ok: true;
      host: string;
      port: number;
      user: string;
      fromConfig: boolean;
      proxyJump?: string;
      identityFiles: string[];
    }
  | { ok: false; error: string };

export interface ServerStatus {
  checkedAt: number;
  ok: boolean;
  code?: ApiErrorCode;
  message?: string;
  /** The failure's structured detail (e.g. OpenSSH's banner for a changed host key). */
  detail?: unknown;
  /** The key the server presented at this check (after a refusal: not the pinned one). */
  fingerprint?: string;
  privilege?: 'root' | 'sudo' | 'none';
}

export interface ServerSummary {
  id: number;
  name: string;
  host: string;
  port: number | null;
  username: string | null;
  identityFile: string | null;
  tags: string[];
  notes: string;
  createdAt: number;
  updatedAt: number;
  target: ResolvedTarget;
  status?: ServerStatus;
  inspection?: {
    at: number;
    postfixVersion: string;
    postscreen: boolean;
    postgrey: boolean;
    rblCount: number;
    log: string;
  };
}

export interface ServerDetail extends ServerSummary {
  inspection?: ServerSummary['inspection'];
  lastInspection?: ServerInspection;
}

export interface PrivilegeReport {
  user: string;
  mode: 'root' | 'sudo' | 'none';
  commandDirectory: string;
  allowed: string[];
  missing: string[];
  /** The exact line to add with visudo when sudo is missing. */
  sudoersLine?: string;
}

export interface ListenerInfo {
  /** master.cf service name, e.g. '127.0.0.1:2525' or 'smtp'. */
  service: string;
  /** 'smtpd' | 'postscreen'. */
  kind: string;
  /** -o overrides on that line, name → value. */
  overrides: Record<string, string>;
}

export interface DnsblSiteInfo {
  zone: string;
  /** Return-code filter, e.g. '127.0.0.[2..11]'. */
  filter?: string;
  weight: number;
  /** Where it is used. */
  source: 'postscreen' | 'smtpd';
  /** The restriction it came from (smtpd): reject_rbl_client, permit_dnswl_client, … */
  restriction?: string;
}

/** One step of a restriction list: `check_policy_service inet:127.0.0.1:10023` is one step. */
export interface RestrictionStep {
  name: string;
  arg?: string;
}

export interface ServerInspection {
  at: number;
  durationMs: number;
  os: { prettyName: string; id?: string; versionId?: string };
  postfix: {
    version: string;
    configDirectory: string;
    commandDirectory: string;
    mapTypes: string[];
    /** Non-default main.cf parameters (postconf -n). */
    parameters: Record<string, string>;
  };
  listeners: ListenerInfo[];
  /** Each smtpd_*_restrictions list, in the order of the SMTP dialogue. */
  restrictions: Record<string, RestrictionStep[]>;
  postscreen: {
    enabled: boolean;
    dnsblThreshold?: number;
    dnsblAllowlistThreshold?: number;
    dnsblAction?: string;
    greetAction?: string;
    greetWait?: string;
    accessList?: string;
  };
  rbls: DnsblSiteInfo[];
  postgrey: {
    installed: boolean;
    /** A postgrey serving the policy service Postfix calls is running. */
    running: boolean;
    /** Postfix's restrictions call a postgrey policy service. */
    inUse: boolean;
    /** The policy service Postfix calls for it, e.g. inet:127.0.0.1:10023. */
    policyService?: string;
    /** Its command line options when running (--delay=300, --inet=…). */
    options: string[];
  };
  policyServices: string[];
  log: { kind: 'file' | 'journald' | 'unknown'; path?: string };
  privilege: PrivilegeReport;
  warnings: string[];
}

export interface ConnectionTestResult {
  id: number;
  fingerprint: string;
  keyType: string;
  privilege: PrivilegeReport;
  durationMs: number;
}

export interface InspectOutcome {
  id: number;
  name: string;
  ok: boolean;
  inspection?: ServerInspection;
  error?: { code: ApiErrorCode; message: string; detail?: unknown };
}

export interface ServerProgress {
  operation: 'test' | 'inspect';
  id: number;
  name: string;
  /** 'queued': waiting for a free slot (inspections run a few at a time). */
  state: 'queued' | 'running' | 'done' | 'failed';
  step: string;
  message?: string;
}
