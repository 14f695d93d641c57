// The shape of one CLI command. Runtime: Node.

import type { Writable } from 'node:stream';

export interface CliIO {
  stdout: Writable;
  stderr: Writable;
}

export interface CliContext {
  io: CliIO;
  /** Global options parsed before the command (e.g. --data-dir). */
  dataDir: string | undefined;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** Wrong usage: exit code 2 with the command's usage line. */
export class UsageError extends Error {}
