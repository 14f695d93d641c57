// Every migration, in order. Add a file per version; never edit one that has shipped.
// Runtime: Node.

import type { Migration } from './migration';
import { migration0001 } from './0001-settings-and-audit';
import { migration0002 } from './0002-secrets';
import { migration0003 } from './0003-servers';
import { migration0004 } from './0004-policy-and-greylisting';
import { migration0005 } from './0005-pushes';
import { migration0006 } from './0006-cloud-senders';
import { migration0007 } from './0007-log-statistics';
import { migration0008 } from './0008-review';

export { APPLICATION_ID, type Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
