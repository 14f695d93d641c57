// Drift: what mxwarden manages on a server, changed there by someone else since mxwarden wrote it
// — a file in a version directory edited or removed, a managed main.cf setting changed, postgrey's
// managed options changed. Compared with the server's own record (state.json), so every
// workstation agrees on it. A push never overwrites drift without the admin's consent.
// Runtime: pure.

import type { DriftItem } from '../../app/types/push';
import type { LiveState } from './live-state';
import type { ManagedState } from './managed-state';
import { sha256 } from './placement';
import { sameValue } from './plan';
import { ownedOptions } from './postgrey-defaults';

/**
 * The record the server should match: the state file, or — when a push swapped but could not
 * record (its connection dropped) — the pending record, if the server matches that one.
 */
export function effectiveRecord(live: LiveState): ManagedState | undefined {
  if (live.pending && driftAgainst(live, live.pending).length === 0) return live.pending;
  return live.state;
}

export function driftAgainst(live: LiveState, state: ManagedState): DriftItem[] {
  const items: DriftItem[] = [];
  for (const d of state.dirs) {
    for (const f of d.files) {
      const path = `${live.managedDirectory}/${d.name}/${f.name}`;
      const text = live.files.get(path);
      if (text === undefined)
        items.push({ kind: 'file', name: path, expected: `sha256 ${f.sha256}` });
      else if (sha256(text) !== f.sha256)
        items.push({ kind: 'file', name: path, expected: `sha256 ${f.sha256}`, actual: text });
    }
  }
  for (const m of state.mainCf) {
    const actual = live.explicit[m.name];
    if (actual === undefined || !sameValue(actual, m.value))
      items.push({
        kind: 'parameter',
        name: m.name,
        expected: m.value,
        ...(actual !== undefined ? { actual } : {}),
      });
  }
  if (state.postgrey) {
    const actual = ownedOptions(live.postgreyOptions).join(' ');
    const expected = state.postgrey.options.join(' ');
    if (actual !== expected)
      items.push({ kind: 'postgrey', name: 'POSTGREY_OPTS', expected, actual });
  }
  return items;
}

export function detectDrift(live: LiveState): DriftItem[] {
  if (live.stateProblem)
    return [
      { kind: 'file', name: `${live.managedDirectory}/state.json`, actual: live.stateProblem },
    ];
  const record = effectiveRecord(live);
  return record ? driftAgainst(live, record) : [];
}
