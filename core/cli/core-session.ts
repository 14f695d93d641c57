// Opening the core for one CLI command and closing it afterwards. Runtime: Node.

import { openCore, type AppService } from '../app/host';

export async function withCore<T>(
  dataDir: string | undefined,
  fn: (service: AppService) => Promise<T>,
): Promise<T> {
  const service = openCore({ host: 'cli', ...(dataDir ? { dataDir } : {}) });
  try {
    return await fn(service);
  } finally {
    service.close();
  }
}

export const CLI_ACTOR = { actor: 'cli' } as const;
