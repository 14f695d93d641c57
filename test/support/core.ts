// A real core (real SQLite file, real service) in a temp directory, with a controllable clock.

import path from 'node:path';
import type { HostKind } from '../../core/app/api';
import { createAppService, type AppService } from '../../core/app/service';
import { MemorySecretStore } from '../../core/secrets/memory-secret-store';
import { openStore } from '../../core/store/database';
import { tempDir } from './temp';

export interface TestCore {
  service: AppService;
  dataDir: string;
  clock: { now: number };
}

export function makeCore(
  host: HostKind = 'cli',
  start = Date.UTC(2026, 10, 23, 12, 0, 0),
): TestCore {
  const dataDir = tempDir();
  const clock = { now: start };
  const store = openStore(path.join(dataDir, 'mxwarden.db'));
  const service = createAppService({
    store,
    secrets: new MemorySecretStore(),
    host,
    dataDir,
    now: () => clock.now,
    log: () => {},
  });
  return { service, dataDir, clock };
}
