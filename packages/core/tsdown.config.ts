import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  sourcemap: false,
  clean: true,
  // One file per source module, so a host's bundler puts each where it is used: what only a lazy part needs stays in that part's chunk.
  unbundle: true,
});
