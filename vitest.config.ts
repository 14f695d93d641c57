import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          globalSetup: ['test/lab/global-setup.ts'],
          // The lab is one shared fleet: integration files run one after another.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // The matrix runs in the set-up hook: a few minutes, with the lab's own start and stop.
          hookTimeout: 900_000,
          // One lab instance of its own, reconfigured phase by phase: one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
