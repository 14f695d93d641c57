// Every migration, in order. Add a file per version; never edit one that has shipped.
// Runtime: Node.

import type { Migration } from './migration';
import { migration0001 } from './0001-settings-and-audit';
import { migration0002 } from './0002-secrets';
import { migration0003 } from './0003-servers';
import { migration0004 } from './0004-policy-and-greylisting';
import { migration0007 } from './0007-cloud-senders';

export { APPLICATION_ID, type Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  // 5 and 6 belong to work merged alongside this one: they go here, in order.
  migration0007,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Versions other work in progress owns; until it is merged the sequence has this gap. */
export const RESERVED_VERSIONS: readonly number[] = [5, 6];
