// What a host (Electron main, browser-mode server, CLI) calls to bring the core up.
// Runtime: Node.

import type { HostKind } from './api';
import { databasePath, defaultDataDir, ensureDataDir } from './data-dir';
import { createAppService, type AppService } from './service';
import { EncryptedSecretStore, type SecretCipher } from '../secrets/encrypted-secret-store';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import { openStore } from '../store/database';
import { SecretsRepo } from '../store/secrets-repo';
import { SendersRepo } from '../store/senders-repo';
import { SettingsRepo } from '../store/settings-repo';
import { SendersSchedule } from './senders-schedule';

export type { AppService } from './service';
export type { CallContext } from './handler';
export type { SecretCipher } from '../secrets/encrypted-secret-store';

export interface OpenCoreOptions {
  host: HostKind;
  dataDir?: string;
  /** Given by the Electron shell (safeStorage); without it secrets stay in memory. */
  cipher?: SecretCipher;
  nativeBinding?: string;
  runtime?: { electron?: string; chrome?: string };
  log?: (message: string, error?: unknown) => void;
  /**
   * Run background work on a schedule (the cloud senders' refresh): for the processes a person
   * keeps open (desktop app, browser mode), not for one-shot CLI commands.
   */
  background?: boolean;
  /** Follow the managed servers' logs (default: every host but the CLI). */
  tail?: boolean;
}

export function openCore(options: OpenCoreOptions): AppService {
  const dataDir = ensureDataDir(options.dataDir ?? defaultDataDir());
  const store = openStore(
    databasePath(dataDir),
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  const secrets = options.cipher
    ? new EncryptedSecretStore(new SecretsRepo(store.db), options.cipher)
    : new MemorySecretStore();
  const service = createAppService({
    store,
    secrets,
    host: options.host,
    dataDir,
    ...(options.runtime ? { runtime: options.runtime } : {}),
    ...(options.log ? { log: options.log } : {}),
    // The desktop app and browser mode follow the servers' logs; a CLI command comes and goes.
    tail: options.tail ?? options.host !== 'cli',
  });
  if (!options.background) return service;
  const settings = new SettingsRepo(store.db);
  const senders = new SendersRepo(store.db);
  const schedule = new SendersSchedule({
    call: (method, request, ctx) => service.call(method, request, ctx),
    events: service.events,
    settings: () => settings.getAll(),
    lastLiveAt: () => senders.lastLiveAt(),
    now: Date.now,
    log: options.log ?? ((m, e) => console.error(m, e ?? '')),
  });
  const stop = schedule.start();
  // Wrapped in place: the service's `closed` getter must stay live.
  const closeService = service.close;
  return Object.assign(service, {
    close: () => {
      stop();
      closeService();
    },
  });
}
