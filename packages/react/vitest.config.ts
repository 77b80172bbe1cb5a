import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'react',
      environment: 'jsdom',
      include: ['src/**/*.test.{ts,tsx}'],
      // Type tests (*.test-d.ts) of the public types, checked by tsc in the same run.
      typecheck: {
        enabled: true,
        include: ['src/**/*.test-d.{ts,tsx}'],
        tsconfig: './tsconfig.json',
      },
      setupFiles: ['src/test-setup.ts'],
    },
  }),
);
