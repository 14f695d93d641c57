// Where the connection really goes once the ssh config is applied, as `ssh -G` would say.

import type { ResolvedTarget as Target } from '../../../core/app/api';

export function ResolvedTarget({ target }: { target: Target }) {
  if (!target.ok) {
    return (
      <p className="callout callout--error" role="alert">
        The ssh config could not be applied: <span className="verbatim">{target.error}</span>
      </p>
    );
  }
  return (
    <dl className="facts facts--plain" data-testid="resolved-target">
      <dt>Connects to</dt>
      <dd>
        <code className="verbatim">
          {target.user}@{target.host}:{target.port}
        </code>
      </dd>
      {target.proxyJump && (
        <>
          <dt>Through</dt>
          <dd>
            <code className="verbatim">{target.proxyJump}</code> (ProxyJump)
          </dd>
        </>
      )}
      <dt>Keys tried</dt>
      <dd>
        {target.identityFiles.length ? (
          <ul className="plain-list">
            {target.identityFiles.map((f) => (
              <li key={f}>
                <code className="verbatim">{f}</code>
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">the ssh agent’s, then ~/.ssh/id_*</span>
        )}
      </dd>
      <dt>From ssh config</dt>
      <dd>{target.fromConfig ? 'yes: a Host block matched' : 'no: as typed here'}</dd>
    </dl>
  );
}
