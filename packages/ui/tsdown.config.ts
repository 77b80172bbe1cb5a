import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsdown';

/**
 * One entry per package subpath: the `@referkit/source` file of every
 * `exports` entry in package.json, built to `dist/<subpath>.js`. Adding a lazy
 * part is adding its `src/<part>.entry.ts` and its line in `exports`.
 */
const { exports } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
};
const entry = Object.fromEntries(
  Object.entries(exports).flatMap(([subpath, target]) => {
    const source = typeof target === 'object' ? target['@referkit/source'] : undefined;
    if (!source?.endsWith('.ts')) return [];
    return [[subpath === '.' ? 'index' : subpath.slice(2), source]];
  }),
);

export default defineConfig({
  entry,
  format: 'esm',
  platform: 'browser',
  dts: true,
  sourcemap: false,
  clean: true,
  copy: [{ from: 'src/styles.css', to: 'dist' }],
});
