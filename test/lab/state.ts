// The instance's state file: what a running lab is (ports, keys, servers, pids), written
// atomically, read by anyone who attaches (tests in other processes, the CLI, a second start).
// Runtime: Node (lab).

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LAB_SOURCE_DIR } from './paths';
import type { LabState } from './types';

export function readState(file: string): LabState | null {
  try {
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as LabState;
    return state.version === 1 ? state : null;
  } catch {
    return null;
  }
}

export function writeState(file: string, state: LabState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

/** Files that do not shape a running lab: editing them does not force a rebuild. */
const NOT_SHAPING = new Set(['cli.ts', 'global-setup.ts', 'index.ts', 'smtp-client.ts']);

/** Hash of the lab's own source files: a lab started by different code is rebuilt. */
export function labCodeHash(): string {
  const hash = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !NOT_SHAPING.has(entry.name)) {
        hash.update(path.relative(LAB_SOURCE_DIR, full));
        hash.update(fs.readFileSync(full));
      }
    }
  };
  walk(LAB_SOURCE_DIR);
  return hash.digest('hex').slice(0, 12);
}
