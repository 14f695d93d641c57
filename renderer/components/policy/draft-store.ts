// The draft being edited lives outside React, for the whole session: leaving the Policy page and
// coming back finds it as it was (the page warns before leaving, but a kept draft is kinder than
// a lost one). Components read it with useSyncExternalStore. Pure (no API calls here).

import type { CurrentPolicy, Policy } from '../../../core/app/api';

export interface DraftState {
  /** What is saved (or, before any save, the Balanced template the API answers with). */
  base?: CurrentPolicy;
  draft?: Policy;
  /** Where the draft came from when not from the saved policy: "the Strict template", "mx1". */
  origin?: string;
  /** Someone saved a version elsewhere (CLI, another window) while this draft had changes. */
  overtakenBy?: number;
}

let state: DraftState = {};
const listeners = new Set<() => void>();

function set(next: DraftState): void {
  state = next;
  listeners.forEach((l) => l());
}

/** Whether the draft differs from the base: compared by the caller (it knows the canonical form). */
export type SameAsBase = (draft: Policy, base: Policy) => boolean;

export const draftStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: (): DraftState => state,

  /** The API's current policy arrived (first load, or after a save anywhere). */
  loaded(base: CurrentPolicy, same: SameAsBase): void {
    const { draft, base: old } = state;
    const clean = !draft || !old || same(draft, old.policy);
    if (clean) return set({ base, draft: structuredClone(base.policy) });
    const moved = old.versionId !== base.versionId;
    set({
      ...state,
      base,
      ...(moved && base.versionId !== undefined ? { overtakenBy: base.versionId } : {}),
    });
  },

  edit(change: (draft: Policy) => Policy): void {
    if (!state.draft) return;
    set({ ...state, draft: change(state.draft) });
  },

  /** Start from something else: a template, an imported server, an older version. */
  replace(policy: Policy, origin: string): void {
    set({ base: state.base, draft: structuredClone(policy), origin });
  },

  discard(): void {
    if (!state.base) return;
    set({ base: state.base, draft: structuredClone(state.base.policy) });
  },

  saved(current: CurrentPolicy): void {
    set({ base: current, draft: structuredClone(current.policy) });
  },
};
