import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'stripe-sandbox',
      environment: 'node',
      include: ['src/**/*.test.ts'],
      // Real servers, sockets and SDK retry sleeps: generous limits keep a
      // loaded CI machine from failing a test that is merely slow.
      testTimeout: 20_000,
      hookTimeout: 20_000,
    },
  }),
);
