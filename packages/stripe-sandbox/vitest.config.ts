import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared';

export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'stripe-sandbox',
      environment: 'node',
      include: ['src/**/*.test.ts'],
    },
  }),
);
