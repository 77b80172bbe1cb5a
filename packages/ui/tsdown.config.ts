import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsdown';

/**
 * One entry per package subpath: the `@referkit/source` file of every
 * `exports` entry in package.json (`src/x.ts` is built to `dist/x.js`).
 * Adding a lazy part is adding its `src/<part>.entry.ts` and its line in
 * `exports`.
 */
const { exports } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
};
const entry = Object.values(exports).flatMap((target) => {
  const source = typeof target === 'object' ? target['@referkit/source'] : undefined;
  return source?.endsWith('.ts') ? [source] : [];
});

export default defineConfig({
  entry,
  format: 'esm',
  platform: 'browser',
  dts: true,
  sourcemap: false,
  clean: true,
  // One file per source module, so a host's bundler puts each where it is used: what only a lazy part needs stays in that part's chunk.
  unbundle: true,
  copy: [{ from: 'src/styles.css', to: 'dist' }],
});
