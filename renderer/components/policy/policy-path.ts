// Reading and replacing one value deep inside the policy without mutating it: every edit makes
// a new draft that shares everything it did not touch, so unchanged lists keep their identity
// (and their cached validation). Pure.

export type PolicyPath = readonly (string | number)[];

export function getAt(root: unknown, path: PolicyPath): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A copy of `root` with `value` at `path`; `undefined` removes the key (optional fields). */
export function setAt<T>(root: T, path: PolicyPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  const node = root as unknown;
  const child =
    node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  const next = setAt(child, rest, value);
  if (Array.isArray(node)) {
    const copy = [...(node as unknown[])];
    copy[key as number] = next;
    return copy as T;
  }
  const copy: Record<string | number, unknown> = { ...(node as Record<string, unknown>) };
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy as T;
}

export const dotted = (path: PolicyPath): string => path.join('.');

/** JSON with sorted keys and without undefined: two drafts that mean the same compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}
