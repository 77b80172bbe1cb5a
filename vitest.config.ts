import { defineConfig } from 'vitest/config';

/**
 * Runs every package's own Vitest config as one project, so `vitest` from the
 * root (or an editor) sees the whole repo. CI runs each package through turbo.
 */
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
