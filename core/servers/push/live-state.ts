// What a server has now, read over SSH without changing anything: main.cf (text, explicit and
// effective settings), the managed directory and mxwarden's state file, the files the current
// configuration reads from it, postgrey's options, and whether Postfix runs. The plan, the drift
// check and the push all start from this. Runtime: Node.

import { parsePostconf } from '../../targets/postfix/postconf-output';
import type { SshSession } from '../ssh/session';
import {
  parseManagedState,
  PENDING_STATE_FILE,
  STATE_FILE,
  type ManagedState,
} from './managed-state';
import { sha256, VERSION_DIR } from './placement';
import { parsePostgreyDefaults, POSTGREY_DEFAULTS_FILE } from './postgrey-defaults';

export interface RemoteText {
  text: string;
  sha256: string;
  mode: number;
}

export interface LiveState {
  configDirectory: string;
  managedDirectory: string;
  mainCf: RemoteText;
  /** Settings written in main.cf (postconf -n). */
  explicit: Record<string, string>;
  /** Every setting's effective value (postconf), defaults included. */
  effective: Record<string, string>;
  /** Names in the managed directory. */
  entries: string[];
  state?: ManagedState;
  /** The state file exists but cannot be read as one. */
  stateProblem?: string;
  /** A push that swapped but did not get to record (state.pending.json). */
  pending?: ManagedState;
  /** Contents of the files of the version directories read (path → text; undefined: missing). */
  files: Map<string, string | undefined>;
  postgreyDefaults?: RemoteText;
  postgreyOptions: string[];
  postfixRunning: boolean;
}

async function readText(s: SshSession, path: string): Promise<RemoteText | undefined> {
  const [data, st] = await Promise.all([s.readFile(path), s.stat(path)]);
  if (data === undefined) return undefined;
  return {
    text: data.toString('utf8'),
    sha256: sha256(data),
    mode: (st?.mode ?? 0o100644) & 0o7777,
  };
}

async function readState(
  s: SshSession,
  path: string,
): Promise<{ state?: ManagedState; problem?: string }> {
  const data = await s.readFile(path);
  if (!data) return {};
  try {
    return { state: parseManagedState(data.toString('utf8')) };
  } catch (e) {
    return { problem: `${path}: ${(e as Error).message}` };
  }
}

/** Paths under the managed directory that main.cf settings or postgrey options name. */
export function referencedPaths(values: readonly string[], managedDirectory: string): string[] {
  const out = new Set<string>();
  const re = new RegExp(`${managedDirectory.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[^\\s,]+`, 'g');
  for (const v of values) for (const m of v.matchAll(re)) out.add(m[0]);
  return [...out];
}

export async function readLiveState(
  s: SshSession,
  opts: {
    postconf: string;
    postfix: string;
    configDirectory: string;
    managedDirectory: string;
    /** Settings whose current values name files to read (the managed ones). */
    managedNames: readonly string[];
    /** Version directories whose files to read too (those a plan would reuse). */
    alsoDirs?: readonly string[];
  },
): Promise<LiveState> {
  const mainCfPath = `${opts.configDirectory}/main.cf`;
  const [mainCf, explicitText, effectiveText, entries, st, pending, pg, status] = await Promise.all(
    [
      readText(s, mainCfPath),
      s.run([opts.postconf, '-n']),
      s.run([opts.postconf]),
      s.listDir(opts.managedDirectory),
      readState(s, `${opts.managedDirectory}/${STATE_FILE}`),
      readState(s, `${opts.managedDirectory}/${PENDING_STATE_FILE}`),
      readText(s, POSTGREY_DEFAULTS_FILE),
      s.exec([opts.postfix, 'status'], { privileged: true, timeoutMs: 30_000 }),
    ],
  );
  if (!mainCf) throw new Error(`${mainCfPath} does not exist on ${s.server}`);
  const explicit = parsePostconf(explicitText);
  const effective = parsePostconf(effectiveText);
  const postgreyOptions = pg ? parsePostgreyDefaults(pg.text).options : [];

  // The files the running configuration reads from the managed directory, and those recorded.
  const paths = new Set(
    referencedPaths(
      [...opts.managedNames.map((n) => explicit[n] ?? ''), ...postgreyOptions],
      opts.managedDirectory,
    ),
  );
  for (const d of st.state?.dirs ?? [])
    for (const f of d.files) paths.add(`${opts.managedDirectory}/${d.name}/${f.name}`);
  const dirs = new Set(
    (opts.alsoDirs ?? []).filter((d) => VERSION_DIR.test(d) && entries.includes(d)),
  );
  for (const d of dirs) {
    for (const name of await s.listDir(`${opts.managedDirectory}/${d}`))
      paths.add(`${opts.managedDirectory}/${d}/${name}`);
  }
  const files = new Map<string, string | undefined>();
  await Promise.all(
    [...paths].map(async (p) => files.set(p, (await s.readFile(p))?.toString('utf8'))),
  );
  return {
    configDirectory: opts.configDirectory,
    managedDirectory: opts.managedDirectory,
    mainCf,
    explicit,
    effective,
    entries,
    ...(st.state ? { state: st.state } : {}),
    ...(st.problem ? { stateProblem: st.problem } : {}),
    ...(pending.state ? { pending: pending.state } : {}),
    files,
    ...(pg ? { postgreyDefaults: pg } : {}),
    postgreyOptions,
    postfixRunning: status.code === 0,
  };
}
