import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'core',
      environment: 'node',
      include: ['src/**/*.test.ts'],
      // Type tests (*.test-d.ts) of the public types, checked by tsc in the same run.
      typecheck: {
        enabled: true,
        include: ['src/**/*.test-d.{ts,tsx}'],
        tsconfig: './tsconfig.json',
      },
      // Core is pure functions with no global state: sharing one module graph
      // across test files (zod loaded once) takes the run from ~9 s to ~3 s.
      isolate: false,
    },
  }),
);
