// Version, data directory and schema, read through the API: the round trip proves the wiring.

import { PageHeader } from '../components/PageHeader';
import { useQuery } from '../state/api-context';

export function AboutPage() {
  const { data: info, error, loading } = useQuery('app.info', []);
  return (
    <>
      <PageHeader
        title="About mxwarden"
        description="SMTP-time filtering console for fleets of Postfix servers."
      />
      {error && (
        <p className="callout callout--error" role="alert">
          Could not read the app information: {error.message}
        </p>
      )}
      {loading && !info && <p aria-busy="true">Loading…</p>}
      {info && (
        <>
          <dl className="facts" data-testid="about-facts">
            <dt>Version</dt>
            <dd data-testid="about-version">{info.version}</dd>
            <dt>Running as</dt>
            <dd>
              {info.host === 'electron'
                ? 'Desktop app (Electron)'
                : info.host === 'browser'
                  ? 'Browser mode (mxwarden serve)'
                  : 'Command line'}
            </dd>
            <dt>Data directory</dt>
            <dd>
              <code data-testid="about-data-dir">{info.dataDir}</code>
            </dd>
            <dt>Database</dt>
            <dd>
              <code>{info.databasePath}</code>
            </dd>
            <dt>Schema version</dt>
            <dd data-testid="about-schema">
              {info.schemaVersion}
              {info.schemaVersion === info.latestSchemaVersion
                ? ' (current)'
                : ` (this build knows ${info.latestSchemaVersion})`}
            </dd>
            <dt>Runtime</dt>
            <dd>
              Node {info.runtime.node}
              {info.runtime.electron && `, Electron ${info.runtime.electron}`}
              {info.runtime.chrome && `, Chromium ${info.runtime.chrome}`} on{' '}
              {info.runtime.platform}/{info.runtime.arch}
            </dd>
          </dl>
          <section
            className={`callout ${info.secrets.persistent ? '' : 'callout--warning'}`}
            data-testid="about-secrets"
          >
            <h2>Secrets</h2>
            <p>{info.secrets.description}</p>
          </section>
        </>
      )}
    </>
  );
}
