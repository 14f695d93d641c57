// Vitest global setup of the integration project: makes sure the `test` lab instance runs
// (starting it if needed, and then stopping it at the end), and tells the tests whether the lab
// is unavailable here and why (inject('labUnavailable')), so they skip with the reason.
// Runtime: Node (vitest main process).

import type { TestProject } from 'vitest/node';
import { ensureLab, stopLab, TEST_LAB } from './instance';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Empty when the test lab runs; otherwise why it could not be started. */
    labUnavailable: string;
  }
}

export default async function setup(project: TestProject) {
  const began = Date.now();
  const log = (line: string) =>
    console.log(`[lab ${((Date.now() - began) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  try {
    const { started } = await ensureLab({ name: TEST_LAB, log });
    project.provide('labUnavailable', '');
    return async () => {
      if (started) await stopLab(TEST_LAB, log);
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    // CI runs where the lab must work: a lab that cannot start is a failure there, not a skip.
    if (process.env.CI) throw err;
    console.warn(`The mail lab could not start; lab tests will be skipped: ${reason}`);
    project.provide('labUnavailable', reason);
    return undefined;
  }
}
