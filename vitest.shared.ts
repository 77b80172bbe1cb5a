import { defaultClientConditions, defaultServerConditions, type UserConfig } from 'vite';

/**
 * The export condition under which every workspace package points at its
 * TypeScript source instead of its build, so tests and dev servers never need
 * a build step first (TanStack's custom-condition pattern). `tsconfig.base.json`
 * lists the same condition in `customConditions` for the type checker.
 */
export const SOURCE_CONDITION = '@referkit/source';

/** Vite/Vitest resolve options that honour {@link SOURCE_CONDITION}. */
export const sourceResolve = {
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
} satisfies UserConfig;

/** The Chromium every browser test drives: `CHROMIUM_PATH`, else Debian's. Never downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags for Chromium as root in a container, with no traffic of its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
