import {
  defaultClientConditions,
  defaultServerConditions,
  type Plugin,
  type UserConfig,
} from 'vite';

/**
 * The export condition under which every workspace package points at its
 * TypeScript source instead of its build, so tests and dev servers never need
 * a build step first (TanStack's custom-condition pattern). `tsconfig.base.json`
 * lists the same condition in `customConditions` for the type checker.
 */
export const SOURCE_CONDITION = '@referkit/source';

/**
 * Puts {@link SOURCE_CONDITION} first in the conditions of EVERY Vite
 * environment. `resolve.conditions` reaches only the client environment and
 * `ssr.resolve.conditions` only `ssr`; other environments start from Vite's
 * defaults (`getDefaultEnvironmentOptions` drops the top-level conditions).
 * Vitest runs `globalSetup` files in an environment of its own
 * (`__vitest__`), so without this a global setup that imports a workspace
 * package resolves its `dist` build — which does not exist before a build
 * ("Failed to resolve entry for package").
 */
const sourceConditionEverywhere: Plugin = {
  name: 'referkit:source-condition',
  configEnvironment(name, config) {
    config.resolve ??= {};
    const current =
      config.resolve.conditions ??
      (name === 'client' || config.consumer === 'client'
        ? defaultClientConditions
        : defaultServerConditions);
    if (!current.includes(SOURCE_CONDITION)) {
      config.resolve.conditions = [SOURCE_CONDITION, ...current];
    }
  },
};

/** Vite/Vitest resolve options that honour {@link SOURCE_CONDITION} in every environment. */
export const sourceResolve = {
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  plugins: [sourceConditionEverywhere],
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
