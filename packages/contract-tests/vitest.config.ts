import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'contract',
      environment: 'node',
      include: ['src/**/*.test.ts'],
      // The server target starts an embedded Postgres and the Stripe sandbox.
      testTimeout: 60_000,
      hookTimeout: 120_000,
      // With the server's tests, from the root config (they start Postgres too).
      sequence: { groupOrder: 1 },
    },
  }),
);
