// Notices changes another process made to the shared store (the CLI while the GUI is open, a
// second window) and re-emits them as the usual events. SQLite's data_version moves only for
// commits from other connections, so polling it is nearly free. Runtime: Node.

import type { EventBus } from './event-bus';
import type { AuditRepo } from '../store/audit-repo';
import type { Store } from '../store/database';
import type { SettingsRepo } from '../store/settings-repo';

export function watchExternalChanges(
  store: Store,
  events: EventBus,
  audit: AuditRepo,
  settings: SettingsRepo,
  intervalMs: number,
): () => void {
  const dataVersion = () => store.db.pragma('data_version', { simple: true }) as number;
  let version = dataVersion();
  let lastAuditId = audit.maxId();
  let lastSettings = JSON.stringify(settings.getAll());
  const latestPolicy = () =>
    (store.db
      .prepare('SELECT coalesce(max(id), 0) FROM policy_versions')
      .pluck()
      .get() as number) ?? 0;
  let lastPolicy = latestPolicy();

  // Our own appends and saves are emitted by the service; remember them so they are not emitted twice.
  const unsubscribe = events.subscribe('audit.appended', (e) => {
    lastAuditId = Math.max(lastAuditId, e.id);
  });
  const unsubscribePolicy = events.subscribe('policy.changed', (e) => {
    lastPolicy = Math.max(lastPolicy, e.versionId);
  });

  const timer = setInterval(() => {
    const v = dataVersion();
    if (v === version) return;
    version = v;
    for (const entry of audit.after(lastAuditId)) events.emit('audit.appended', entry);
    const policy = latestPolicy();
    if (policy !== lastPolicy) {
      lastPolicy = policy;
      events.emit('policy.changed', { versionId: policy });
    }
    const now = settings.getAll();
    const json = JSON.stringify(now);
    if (json !== lastSettings) {
      lastSettings = json;
      events.emit('settings.changed', now);
    }
  }, intervalMs);
  timer.unref();

  return () => {
    clearInterval(timer);
    unsubscribe();
    unsubscribePolicy();
  };
}
