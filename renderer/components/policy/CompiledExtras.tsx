// The rest of a compiled configuration: postgrey's options, the compiler's notes (site
// restrictions taken over, entries postscreen cannot hold), files a push would remove.

import type { CompiledConfig } from '../../../core/app/api';

export function CompiledExtras({
  compiled,
  stale = [],
}: {
  compiled: CompiledConfig;
  stale?: string[];
}) {
  return (
    <>
      {compiled.notes.length > 0 && (
        <section className="preview-block" aria-label="Notes">
          <h3>Notes</h3>
          <ul className="preview-notes">
            {compiled.notes.map((n, i) => (
              <li key={i} className="verbatim">
                {n}
              </li>
            ))}
          </ul>
        </section>
      )}
      {compiled.postgrey && (
        <section className="preview-block" aria-label="postgrey options">
          <h3>
            postgrey options <span className="muted">({compiled.postgrey.service})</span>
          </h3>
          <pre className="code-block">{compiled.postgrey.options.join('\n')}</pre>
        </section>
      )}
      {stale.length > 0 && (
        <section className="preview-block" aria-label="Stale files">
          <h3>Files a push would remove</h3>
          <p className="muted">In mxwarden’s directory, no longer written by this policy:</p>
          <ul>
            {stale.map((s) => (
              <li key={s}>
                <code className="verbatim">{s}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
