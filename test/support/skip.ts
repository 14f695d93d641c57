// A test that cannot run here says so, with the reason, instead of passing silently.

import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'vitest';
import { ROOT } from './project';

export function skipWithReason(ctx: TestContext, reason: string): never {
  console.log(`skipped: ${reason}`);
  const file = path.join(ROOT, 'test-results', 'skip-reasons.txt');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${ctx.task.name} — skipped: ${reason}\n`);
  ctx.skip(reason);
  throw new Error('unreachable');
}
