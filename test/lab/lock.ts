// One lab start or stop at a time per instance (a person's `npm run lab` and a test run may race):
// an exclusive lock file holding the owner's pid; a lock whose owner died is taken over.
// Runtime: Node (lab).

import fs from 'node:fs';
import { isAlive, readPidFile, sleep } from './processes';

export async function withLock<T>(
  file: string,
  fn: () => Promise<T>,
  timeoutMs = 300_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readPidFile(file);
      if (owner === null || owner === process.pid || !isAlive(owner)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`lab lock ${file} held by pid ${owner}`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    if (readPidFile(file) === process.pid) fs.rmSync(file, { force: true });
  }
}
