// What a push would change on one server: the compiled and placed configuration next to what the
// server has now — file by file (by name, whatever version directory holds it), setting by
// setting, postgrey's options — and what it needs to do: directories to create, settings to set or
// give back to the site, whether postgrey must restart. Nothing to do means the push leaves the
// server alone. Runtime: pure.

import type { PreviewFile, PreviewSetting } from '../../app/types/policy';
import type { CompiledConfig } from '../../targets/compiled';
import { splitList } from '../../targets/postfix/postconf-output';
import type { LiveState } from './live-state';
import { meaningOf, VERSION_DIR, type PlacedConfig, type VersionDir } from './placement';
import { ownedOptions } from './postgrey-defaults';

export interface SettingChange {
  name: string;
  /** undefined: remove it from main.cf (the site had not set it). */
  value: string | undefined;
  current: string;
}

export interface ServerPlan {
  files: PreviewFile[];
  mainCf: PreviewSetting[];
  postgrey?: { current: string; compiled: string };
  stale: string[];
  /** Version directories to write (the others already exist with exactly these files). */
  newDirs: VersionDir[];
  /** Version directories that exist under the right name but not with these files: rewritten. */
  damagedDirs: string[];
  /** main.cf edits, in order: the policy's settings, then settings given back to the site. */
  settings: SettingChange[];
  postgreyChanged: boolean;
  unchanged: boolean;
}

/** Two Postfix values mean the same when their list items are the same, in the same order. */
export const sameValue = (a: string | undefined, b: string | undefined): boolean =>
  splitList(a).join(' ') === splitList(b).join(' ');

function currentByName(live: LiveState): Map<string, string> {
  // Prefer the files the running configuration reads: the recorded dirs, else any referenced.
  const out = new Map<string, string>();
  const recorded = new Set(live.state?.dirs.map((d) => d.name));
  const ordered = [...live.files.entries()].sort(([a], [b]) => {
    const ra = recorded.has(a.split('/').at(-2) ?? '') ? 0 : 1;
    const rb = recorded.has(b.split('/').at(-2) ?? '') ? 0 : 1;
    return ra - rb;
  });
  for (const [path, text] of ordered) {
    const name = path.split('/').pop() ?? path;
    if (text !== undefined && !out.has(name)) out.set(name, text);
  }
  return out;
}

export function planServer(
  compiled: CompiledConfig,
  placed: PlacedConfig,
  live: LiveState,
): ServerPlan {
  const byName = currentByName(live);
  const files: PreviewFile[] = placed.dirs.flatMap((d) =>
    d.files.map((f) => {
      const current = byName.get(f.name);
      return {
        path: `${placed.managedDirectory}/${f.name}`,
        ...(current !== undefined ? { current } : {}),
        compiled: f.content,
      };
    }),
  );

  const newDirs: VersionDir[] = [];
  const damagedDirs: string[] = [];
  for (const d of placed.dirs) {
    if (!live.entries.includes(d.name)) {
      newDirs.push(d);
      continue;
    }
    const intact = d.files.every((f) => {
      const text = live.files.get(f.path);
      return text !== undefined && meaningOf(text) === meaningOf(f.content);
    });
    if (!intact) {
      newDirs.push(d);
      damagedDirs.push(d.name);
    }
  }

  const settings: SettingChange[] = [];
  const mainCf: PreviewSetting[] = placed.mainCf.map((m) => {
    const current = live.effective[m.name] ?? live.explicit[m.name] ?? '';
    if (!sameValue(current, m.value) || live.explicit[m.name] === undefined)
      settings.push({ name: m.name, value: m.value, current });
    return { name: m.name, current, compiled: m.value };
  });
  const managedNow = new Set(placed.mainCf.map((m) => m.name));
  for (const m of live.state?.mainCf ?? []) {
    if (managedNow.has(m.name)) continue;
    const original = live.state?.original[m.name];
    const current = live.explicit[m.name] ?? '';
    const back = original === null ? undefined : original;
    if (back === undefined ? live.explicit[m.name] !== undefined : !sameValue(current, back)) {
      settings.push({ name: m.name, value: back, current });
      mainCf.push({ name: m.name, current, compiled: back ?? '(the site default)' });
    }
  }

  let postgrey: ServerPlan['postgrey'];
  let postgreyChanged = false;
  if (placed.postgrey) {
    const current = ownedOptions(live.postgreyOptions).join(' ');
    const next = placed.postgrey.options.join(' ');
    postgrey = { current, compiled: next };
    postgreyChanged = current !== next;
  }

  const used = new Set(placed.dirs.map((d) => d.name));
  const stale = live.entries
    .filter(
      (e) =>
        !used.has(e) &&
        (VERSION_DIR.test(e) || /\.(cidr|regexp|pcre|texthash)$|^postgrey_/.test(e)),
    )
    .map((e) => `${placed.managedDirectory}/${e}`);

  return {
    files,
    mainCf,
    ...(postgrey ? { postgrey } : {}),
    stale,
    newDirs,
    damagedDirs,
    settings,
    postgreyChanged,
    unchanged: newDirs.length === 0 && settings.length === 0 && !postgreyChanged,
  };
}

export const describeCompiled = (c: CompiledConfig) => ({
  unsupported: c.unsupported,
  notes: c.notes,
});
