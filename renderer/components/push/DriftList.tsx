// What drifted on a server: each managed file, main.cf parameter or postgrey option that differs
// from what mxwarden wrote, as a diff from "what mxwarden wrote" to "what is there now".

import type { DriftItem } from '../../../core/app/types/push';
import { FileDiff } from '../policy/FileDiff';

/** Without this app's copy of what was written (another workstation pushed), only its hash is known. */
const hashOnly = (text: string | undefined) =>
  text !== undefined && /^sha256 [0-9a-f]{64}$/.test(text);

const how = (d: DriftItem) =>
  d.actual === undefined ? 'removed' : d.expected === undefined ? 'appeared' : 'edited';

export function DriftList({ items }: { items: DriftItem[] }) {
  return (
    <ul className="drift-list" data-testid="drift-list">
      {items.map((d) => (
        <li key={`${d.kind}:${d.name}`} data-name={d.name}>
          {d.kind === 'file' ? (
            d.actual === undefined ? (
              <p>
                <code className="verbatim">{d.name}</code> was removed.
              </p>
            ) : hashOnly(d.expected) ? (
              <>
                <p className="muted">
                  Edited. What mxwarden wrote was pushed from another workstation, so only its
                  checksum is known here; the file now reads:
                </p>
                <FileDiff path={d.name} compiled={d.actual} alone />
              </>
            ) : (
              <FileDiff path={d.name} current={d.expected} compiled={d.actual} />
            )
          ) : (
            <>
              <code className="verbatim">
                {d.kind === 'parameter' ? `main.cf ${d.name}` : d.name}
              </code>{' '}
              {how(d)}: mxwarden wrote <code className="verbatim">{d.expected ?? '(nothing)'}</code>
              , now <code className="verbatim">{d.actual ?? '(gone)'}</code>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
