// Saves what a push may change on a lab server (main.cf, /etc/default/postgrey, the managed
// directory) and puts it back exactly — Postfix reloaded, postgrey restarted with its old options —
// so a suite that pushes leaves the shared lab as the other suites expect it. Also hashes those
// files, to tell "exactly the old files" from "exactly the new". Runtime: Node (tests), root.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Lab, ServerRef } from '../lab/index';

// mxwarden's record of its last push too: main.cf put back beside a newer record would read as
// drift to the next suite that pushes.
const FILES = ['etc/postfix/main.cf', 'etc/default/postgrey', 'etc/postfix/mxwarden/state.json'];
const MANAGED = 'etc/postfix/mxwarden';

export interface ServerSnapshot {
  restore(): Promise<void>;
}

export async function snapshotServer(lab: Lab, ref: ServerRef): Promise<ServerSnapshot> {
  const s = typeof ref === 'string' ? lab.server(ref) : ref;
  const saved = new Map<string, string | undefined>();
  for (const f of FILES) {
    const p = path.join(s.root, f);
    saved.set(f, fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined);
  }
  const managed = path.join(s.root, MANAGED);
  const hadManaged = fs.existsSync(managed);
  return {
    async restore() {
      for (const [f, text] of saved) {
        const p = path.join(s.root, f);
        if (text === undefined) fs.rmSync(p, { force: true });
        else fs.writeFileSync(p, text);
      }
      if (!hadManaged) fs.rmSync(managed, { recursive: true, force: true });
      const reload = await lab.postfix(s, 'reload');
      if (reload.code !== 0) await lab.postfix(s, 'start');
      if (s.postgreyPort !== undefined) await lab.exec(s, ['service', 'postgrey', 'restart']);
    },
  };
}

/**
 * sha256 of what the server runs with: main.cf, /etc/default/postgrey, mxwarden's state file, and
 * every file of the managed directories main.cf and postgrey's options name. (Staging leftovers
 * and unreferenced version directories are not configuration: nothing reads them.)
 */
export function configHashes(lab: Lab, ref: ServerRef): Record<string, string> {
  const s = typeof ref === 'string' ? lab.server(ref) : ref;
  const out: Record<string, string> = {};
  const add = (rel: string) => {
    const p = path.join(s.root, rel);
    if (fs.existsSync(p) && fs.statSync(p).isFile())
      out[rel] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  };
  for (const f of [...FILES, `${MANAGED}/state.json`]) add(f);
  const named = new Set<string>();
  for (const f of FILES) {
    const p = path.join(s.root, f);
    const text = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : '';
    for (const m of text.matchAll(/\/etc\/postfix\/mxwarden\/([^/\s,"]+)\//g))
      named.add(m[1] as string);
  }
  for (const dir of named) {
    const p = path.join(s.root, MANAGED, dir);
    if (!fs.existsSync(p)) {
      out[`${MANAGED}/${dir}`] = 'missing';
      continue;
    }
    for (const e of fs.readdirSync(p)) add(path.join(MANAGED, dir, e));
  }
  return out;
}
