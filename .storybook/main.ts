import type { StorybookConfig } from '@storybook/react-vite';
import { mergeConfig } from 'vite';
import { sourceResolve } from '../vitest.shared.ts';

// No telemetry, crash reports or update checks: nothing leaves the machine.
process.env.STORYBOOK_DISABLE_TELEMETRY ??= '1';

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../packages/ui/src/**/*.stories.tsx', '../packages/react/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  // The MSW service worker (mockServiceWorker.js), generated with
  // `pnpm exec msw init .storybook/public --no-save` and committed.
  staticDirs: ['./public'],
  core: {
    disableTelemetry: true,
    enableCrashReports: false,
    disableWhatsNewNotifications: true,
  },
  typescript: { reactDocgen: false },
  // Workspace packages resolve to their TypeScript source, as in the tests.
  viteFinal: (viteConfig) => mergeConfig(viteConfig, sourceResolve),
};

export default config;
