// Everything one server's push carries from step to step: the connection (replaced when it had to
// reconnect), the tools and paths, what was read and planned, what has been done so far (so a
// failure knows what to undo), and the step records. Runtime: Node.

import type { PushServerResult, PushStep, PushStepRecord } from '../../app/types/push';
import type { Policy } from '../../policy/schema';
import type { CompiledConfig } from '../../targets/compiled';
import type { PrivilegeInfo, PushPrivilege } from '../ssh/privilege';
import type { SshSession } from '../ssh/session';
import type { LiveState } from './live-state';
import type { LogSource } from './log-check';
import type { ManagedState } from './managed-state';
import { meaningOf, type PlacedConfig } from './placement';
import type { ServerPlan } from './plan';
import { RemoteFiles } from './remote-files';
import type { ServerLock } from './server-lock';
import type { Listener, ProbeResult } from './smtp-probe';

export interface HookContext {
  serverName: string;
  session: SshSession;
  managedDirectory: string;
  configDirectory: string;
  stageDir: string;
  /** Version directories this push created. */
  newDirs: string[];
}

/** Tests inject real faults at the steps of a push here (cut the connection, break a map). */
export interface PushHooks {
  beforeStep?(step: PushStep, ctx: HookContext): Promise<void>;
  afterStep?(step: PushStep, ctx: HookContext): Promise<void>;
}

export interface ServerPushInput {
  serverId: number;
  serverName: string;
  canary: boolean;
  pushId: string;
  actor: string;
  workstation: string;
  appVersion: string;
  policy: { versionId: number; name: string; document: Policy; hash: string };
  compiled: CompiledConfig;
  logSource: LogSource;
  dryRun: boolean;
  overwriteDrift: boolean;
  /** A new, dedicated connection (host key verified) each call. */
  connect(): Promise<SshSession>;
  cancelled(): boolean;
  progress(step: PushStep, status: 'running' | 'ok' | 'failed' | 'skipped', message?: string): void;
  hooks?: PushHooks;
  now(): number;
  /** How long to keep trying to reach a server that dropped after the swap (to roll back). */
  reconnectWindowMs?: number;
  /** How long each listener may take to show its banner after the reload. */
  verifyTimeoutMs?: number;
}

export class PushContext {
  session!: SshSession;
  privilege!: PrivilegeInfo;
  push!: PushPrivilege;
  lock?: ServerLock;
  files!: RemoteFiles;
  configDirectory = '/etc/postfix';
  live?: LiveState;
  placed?: PlacedConfig;
  plan?: ServerPlan;
  nextState?: ManagedState;
  listeners: Listener[] = [];
  baseline: ProbeResult[] = [];
  stageDir?: string;
  /** Version directories this push moved into place (removed again if it does not land). */
  createdDirs: string[] = [];
  /** Damaged directories set aside (under these names) to make room. */
  setAside: string[] = [];
  swapped = false;
  postgreyRestarted = false;
  backups: { mainCf?: string; postgrey?: string } = {};
  readonly steps: PushStepRecord[] = [];

  constructor(readonly input: ServerPushInput) {}

  get managedDirectory(): string {
    return this.input.compiled.managedDirectory;
  }
  get tool(): (name: 'postconf' | 'postfix' | 'postmap') => string {
    return (name) => `${this.privilege.commandDirectory}/${name}`;
  }
  get mainCfPath(): string {
    return `${this.configDirectory}/main.cf`;
  }
  get tempMainCf(): string {
    return `${this.configDirectory}/.main.cf.mxwarden-${this.input.pushId}`;
  }

  /** Binds a (new) connection: tools and the file operations that use it. */
  attach(
    session: SshSession,
    privilege: PrivilegeInfo,
    push: PushPrivilege,
    extraFiles: string[],
  ): void {
    this.session = session;
    this.privilege = privilege;
    this.push = push;
    this.files = new RemoteFiles(session, push.tools, this.managedDirectory, extraFiles);
  }

  /** Where this push stages its files (one per push, under the managed directory). */
  get stagePath(): string {
    return `${this.managedDirectory}/.stage-${this.input.pushId}`;
  }

  hookContext(): HookContext {
    return {
      serverName: this.input.serverName,
      session: this.session,
      managedDirectory: this.managedDirectory,
      configDirectory: this.configDirectory,
      stageDir: this.stagePath,
      newDirs: [...this.createdDirs],
    };
  }

  changes(): PushServerResult['changes'] {
    return {
      files: this.plan
        ? this.plan.files
            .filter(
              (f) => f.current === undefined || meaningOf(f.current) !== meaningOf(f.compiled),
            )
            .map((f) => f.path)
        : [],
      parameters: this.plan?.settings.map((s) => s.name) ?? [],
      postgrey: this.plan?.postgreyChanged ?? false,
    };
  }
}
