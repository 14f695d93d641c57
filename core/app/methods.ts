// Runtime list of the AppApi's calls and events. Pure: imported by the preload script and the
// renderer, so it must not import anything from Node.

import type { ApiEvent, ApiMethod, AppApiCalls } from './api';

type Kinds = { [M in ApiMethod]: AppApiCalls[M]['kind'] };

export const API_METHODS: Kinds = {
  'app.info': 'query',
  'settings.get': 'query',
  'settings.set': 'mutation',
  'audit.list': 'query',
  'audit.activity': 'query',
  'servers.list': 'query',
  'servers.get': 'query',
  'servers.sshAliases': 'query',
  'servers.add': 'mutation',
  'servers.update': 'mutation',
  'servers.remove': 'mutation',
  'servers.test': 'mutation',
  'servers.trustHostKey': 'mutation',
  'servers.inspect': 'mutation',
  'policy.current': 'query',
  'policy.save': 'mutation',
  'policy.versions': 'query',
  'policy.version': 'query',
  'policy.diff': 'query',
  'policy.revert': 'mutation',
  'policy.importServer': 'query',
  'policy.compile': 'query',
  'policy.preview': 'query',
  'check.run': 'query',
  'senders.list': 'query',
  'senders.get': 'query',
  'senders.lookup': 'query',
  'senders.expand': 'mutation',
  'senders.refresh': 'mutation',
  'senders.add': 'mutation',
  'senders.update': 'mutation',
  'senders.remove': 'mutation',
  'senders.whitelist': 'mutation',
  'senders.unwhitelist': 'mutation',
  'stats.sources': 'query',
  'stats.dashboard': 'query',
  'stats.evidence': 'query',
  'stats.mark': 'mutation',
  'review.queue': 'query',
  'review.item': 'query',
  'review.greylist': 'query',
  'review.whitelist': 'mutation',
  'review.dismiss': 'mutation',
  'review.undo': 'mutation',
  'stats.ingest': 'mutation',
  'stats.prune': 'mutation',
  'tail.status': 'query',
  'tail.setEnabled': 'mutation',
  'push.plan': 'query',
  'push.run': 'mutation',
  'push.cancel': 'mutation',
  'push.list': 'query',
  'push.get': 'query',
  'push.drift': 'query',
};

// Keyed by every event, so an event added to AppApiEvents but not here fails to compile —
// a host that does not forward it would otherwise drop it silently.
const EVENTS: { [E in ApiEvent]: true } = {
  'audit.appended': true,
  'settings.changed': true,
  'ui.command': true,
  'servers.changed': true,
  'servers.progress': true,
  'check.progress': true,
  'policy.changed': true,
  'senders.progress': true,
  'senders.changed': true,
  'senders.stale': true,
  'review.alert': true,
  'stats.changed': true,
  'stats.ingestProgress': true,
  'tail.status': true,
  'push.progress': true,
  'push.changed': true,
};

export const API_EVENTS: readonly ApiEvent[] = Object.keys(EVENTS) as ApiEvent[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(API_METHODS, name);
}

export function isApiEvent(name: unknown): name is ApiEvent {
  return typeof name === 'string' && (API_EVENTS as readonly string[]).includes(name);
}

/** Electron IPC channel names, one per method, so the main process can bind exactly AppApi. */
export const ipcChannel = (method: ApiMethod): string => `mxw:call:${method}`;
export const ipcEventChannel = (event: ApiEvent): string => `mxw:event:${event}`;
