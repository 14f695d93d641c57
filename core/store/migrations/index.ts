// Every migration, in order. Add a file per version; never edit one that has shipped.
// Runtime: Node.

import type { Migration } from './migration';
import { migration0001 } from './0001-settings-and-audit';
import { migration0002 } from './0002-secrets';
import { migration0003 } from './0003-servers';
import { migration0004 } from './0004-policy-and-greylisting';
import { migration0005 } from './0005-pushes';
import { migration0007 } from './0007-log-statistics';

export { APPLICATION_ID, type Migration } from './migration';

/**
 * Versions that belong to work built in parallel and merged separately (6: cloud senders).
 * Once its migration is in MIGRATIONS, its number leaves this list; the list is then empty.
 */
export const RESERVED_VERSIONS: readonly number[] = [6];

export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0007,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
