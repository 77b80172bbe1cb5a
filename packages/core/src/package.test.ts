import { describe, expect, it } from 'vitest';
import packageJson from '../package.json';
import tsconfig from '../tsconfig.json';
import * as core from './index';
import type { ReferrerReturnValues } from './to-stripe-update';

declare global {
  interface ImportMeta {
    /** Vite's static glob import (typed here: core's tsconfig has no Vite types, by design). */
    glob<T>(
      patterns: string[],
      options: { query: '?raw'; import: 'default'; eager: true },
    ): Record<string, T>;
  }
}

/** The source of every non-test file in src, by path (`./name-versions.ts`). */
const sources = import.meta.glob<string>(['./*.ts', '!./*.test.ts', '!./*.test-d.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

const readme =
  import.meta.glob<string>(['../README.md'], { query: '?raw', import: 'default', eager: true })[
    '../README.md'
  ] ?? '';

/**
 * The libraries core may use: each pure JavaScript that runs the same in
 * browsers and Node (validation, CSV reading, stable JSON).
 */
const LIBRARIES = ['zod', 'papaparse', 'fast-json-stable-stringify'];

/** Every module specifier a source file imports or re-exports. */
function specifiersOf(source: string): string[] {
  const patterns = [
    // import … from '…' / export … from '…'
    /^(?:import|export)\s[\w$\s{},*]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    // import '…'
    /^import\s*['"]([^'"]+)['"]/gm,
    // import('…') / require('…')
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]/g,
  ];
  return patterns.flatMap((pattern) =>
    [...source.matchAll(pattern)].map((match) => match[1] as string),
  );
}

describe('@referkit/core package boundary', () => {
  it('reads every source file', () => {
    expect(Object.keys(sources)).toContain('./index.ts');
    expect(Object.keys(sources)).toContain('./sync-wizard-store.ts');
    expect(Object.keys(sources).some((path) => /\.test(-d)?\.ts$/.test(path))).toBe(false);
  });

  it('imports nothing but its pure-JS libraries and its own files', () => {
    const outside = Object.entries(sources).flatMap(([path, source]) =>
      specifiersOf(source)
        .filter(
          (specifier) => !LIBRARIES.includes(specifier) && !/^\.\/[a-z0-9-]+$/.test(specifier),
        )
        .map((specifier) => `${path} imports ${specifier}`),
    );
    expect(outside).toEqual([]);
  });

  it('finds the imports it checks', () => {
    expect(specifiersOf(sources['./referrer-draft.ts'] ?? '')).toEqual([
      'zod',
      './email',
      './name-versions',
      './referrer-fields',
    ]);
  });

  it('uses no browser or Node globals', () => {
    const globals =
      /\b(window|document|navigator|localStorage|process|Buffer|require|__dirname)\b\s*[.([]/;
    const offenders = Object.entries(sources)
      .filter(([, source]) => globals.test(source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });

  it('depends on pure-JS libraries alone (no Node I/O, no DOM), with no React, DOM or Node types in its config', () => {
    expect(Object.keys(packageJson.dependencies).sort()).toEqual([...LIBRARIES].sort());
    expect(packageJson).not.toHaveProperty('peerDependencies');
    expect(tsconfig.compilerOptions).toEqual({ lib: ['ES2023'], types: [] });
  });

  it('exports every file from the index by name', () => {
    const exported = Object.keys(sources)
      .filter((path) => path !== './index.ts')
      .map((path) => path.replace(/\.ts$/, ''));
    expect(specifiersOf(sources['./index.ts'] ?? '').sort()).toEqual(exported.sort());
    expect(Object.keys(core).length).toBeGreaterThan(100);
  });

  it('lists every export in the README', () => {
    const index = sources['./index.ts'] ?? '';
    const names = [...index.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((match) =>
      (match[1] as string)
        .split(',')
        .map((name) => name.replace(/^\s*type\s+/, '').trim())
        .filter(Boolean),
    );
    expect(names.length).toBeGreaterThan(150);
    const missing = names.filter((name) => !new RegExp(`\`${name}[\`(]`).test(readme));
    expect(missing).toEqual([]);
  });
});

describe('README example', () => {
  it('does what the README says', () => {
    expect(readme).toContain("wizard.setNameVersion('v4');");
    const wizard = core.createSyncWizardStore();
    wizard.setNameVersion('v4');
    const { config, canContinue } = wizard.getState();
    expect(canContinue).toBe(true);
    const customer = { id: 'cus_1', name: 'John Ronald Smith', email: 'John@Example.com' };
    expect(core.toReferrerDraft(customer, config)).toEqual({
      ok: true,
      draft: {
        firstName: 'John S',
        email: 'John@Example.com',
        emailKey: 'john@example.com',
        lastName: null,
        company: null,
      },
    });
    const referrer: ReferrerReturnValues = {
      referralLink: 'https://ref.example.com/c/1/AbC123xYz0',
      referralCode: 'AbC123xYz0',
      referralsCount: 0,
      convertedReferralsCount: 0,
    };
    expect(core.toStripeUpdate(referrer, customer, config)).toEqual({
      metadata: { referral_link: referrer.referralLink },
    });
    const synced = { ...customer, metadata: { referral_link: referrer.referralLink } };
    expect(core.toStripeUpdate(referrer, synced, config)).toBeNull();
  });
});
