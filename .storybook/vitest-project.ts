import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineProject } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../vitest.shared.ts';

/**
 * The Vitest project that runs every story of `.storybook/main.ts` as a test
 * in headless Chromium (`@storybook/addon-vitest`): each story renders, its
 * play function runs, and axe checks the result (`a11y.test: 'error'`).
 */
export function storybookVitestProject() {
  process.env.STORYBOOK_DISABLE_TELEMETRY ??= '1';
  return defineProject({
    plugins: [storybookTest({ configDir: fileURLToPath(new URL('.', import.meta.url)) })],
    test: {
      name: 'storybook',
      browser: {
        enabled: true,
        headless: true,
        provider: playwright({
          launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
        }),
        instances: [{ browser: 'chromium' }],
      },
      // A story's play function walks through a flow; the machine is small and shared.
      testTimeout: 30_000,
    },
  });
}
