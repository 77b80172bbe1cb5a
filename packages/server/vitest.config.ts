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
      // From the root config (`vitest` over every project), projects with their own worker
      // counts run in separate groups: the default ones, then the server, then the demo.
      sequence: { groupOrder: 1 },
    },
  }),
);
