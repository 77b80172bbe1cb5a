import { defineConfig } from 'vitest/config';
import { uiProjects } from './packages/ui/vitest.config.ts';

/**
 * Every package's own Vitest project(s), so `vitest` from the root (or an
 * editor) sees the whole repo. `pnpm test` runs each package through turbo.
 */
export default defineConfig({
  test: {
    projects: [
      'packages/core',
      'packages/react',
      'packages/server',
      'packages/stripe-sandbox',
      'packages/contract-tests',
      'apps/demo',
      ...uiProjects,
    ],
  },
});
