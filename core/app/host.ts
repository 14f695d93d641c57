// What a host (Electron main, browser-mode server, CLI) calls to bring the core up.
// Runtime: Node.

import type { HostKind } from './api';
import { databasePath, defaultDataDir, ensureDataDir } from './data-dir';
import { createAppService, type AppService } from './service';
import { EncryptedSecretStore, type SecretCipher } from '../secrets/encrypted-secret-store';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import { openStore } from '../store/database';
import { SecretsRepo } from '../store/secrets-repo';

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
  return createAppService({
    store,
    secrets,
    host: options.host,
    dataDir,
    ...(options.runtime ? { runtime: options.runtime } : {}),
    ...(options.log ? { log: options.log } : {}),
    // The desktop app and browser mode follow the servers' logs; a CLI command comes and goes.
    tail: options.tail ?? options.host !== 'cli',
  });
}
