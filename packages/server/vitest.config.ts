import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'server',
      environment: 'node',
      include: ['src/**/*.test.ts'],
      // One embedded Postgres for the whole run; each test file gets its own database.
      globalSetup: ['./src/test-support/global-setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // Two cores: files run two at a time.
      maxWorkers: 2,
    },
  }),
);
