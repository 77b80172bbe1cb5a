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
