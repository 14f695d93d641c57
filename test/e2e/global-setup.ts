// Playwright global setup: the e2e tests drive the app against the `test` lab instance. Attaches
// to a running one (npm test starts it once for every suite) or starts it, stopping it afterwards
// only if it started it here. Where the lab cannot run (not root), tests skip with the reason;
// in CI that is a failure instead.

import { ensureLab, stopLab, TEST_LAB } from '../lab/index';

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  try {
    const { started } = await ensureLab({ name: TEST_LAB });
    process.env.MXWARDEN_LAB_UNAVAILABLE = '';
    return async () => {
      if (started) await stopLab(TEST_LAB);
    };
  } catch (err) {
    if (process.env.CI) throw err;
    process.env.MXWARDEN_LAB_UNAVAILABLE = err instanceof Error ? err.message : String(err);
    return undefined;
  }
}
