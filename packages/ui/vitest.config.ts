import { fileURLToPath } from 'node:url';
import { defineConfig, defineProject, mergeConfig } from 'vitest/config';
import { storybookVitestProject } from '../../.storybook/vitest-project.ts';
import { sourceResolve } from '../../vitest.shared.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The ui package's two Vitest projects; the root config lists them too. */
export const uiProjects = [
  mergeConfig(
    sourceResolve,
    defineProject({
      root,
      test: {
        name: 'ui',
        environment: 'jsdom',
        include: ['src/**/*.test.{ts,tsx}'],
        setupFiles: ['src/test-setup.ts'],
        // Type tests (*.test-d.ts) of the public types, checked by tsc in the same run.
        typecheck: {
          enabled: true,
          include: ['src/**/*.test-d.{ts,tsx}'],
          tsconfig: './tsconfig.json',
        },
        // user-event flows through a whole wizard take seconds on a shared 2-core machine.
        testTimeout: 60_000,
      },
    }),
  ),
  // Every story in Storybook (.storybook/main.ts), rendered in Chromium with its play
  // function and an axe check.
  { ...storybookVitestProject(), root },
];

export default defineConfig({ test: { projects: uiProjects } });
