import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

/**
 * The demo's tests: unit tests of its own code, and the end-to-end suite —
 * a fresh demo (temp Postgres, fresh Stripe sandbox, free port) started by
 * the global setup, driven in Chromium by Playwright.
 */
export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'demo',
      environment: 'node',
      include: ['src/**/*.test.tsx', 'server/**/*.test.ts', 'e2e/**/*.e2e.test.ts'],
      globalSetup: ['./e2e/global-setup.ts'],
      // One demo, one browser: the journey runs in order.
      fileParallelism: false,
      // Last when the root config runs every project (see packages/server/vitest.config.ts).
      sequence: { groupOrder: 2 },
      testTimeout: 120_000,
      hookTimeout: 180_000,
    },
  }),
);
