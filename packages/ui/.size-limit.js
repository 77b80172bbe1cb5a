/**
 * Size budgets of the kit (size-limit with esbuild, minified, gzip level 9),
 * measured from the TypeScript source with the peer dependencies left out:
 * react, react-dom, @tanstack/react-query, react-hook-form, zod and
 * @radix-ui/react-dialog are the host's. `pnpm --filter @referkit/ui size`
 * (and `bench`) prints them as a table through size/report.js.
 */

const PEERS = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  '@tanstack/react-query',
  'react-hook-form',
  'zod',
  'zod/*',
  '@radix-ui/react-dialog',
];

/** Leaves out every module only reached through `import()`: the lazy chunks. */
const excludeLazyChunks = {
  name: 'exclude-lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

/** Builds like a host's bundler would: browser, ESM, production, workspace sources. */
function fromSource(extraPlugins = []) {
  return (config) => ({
    ...config,
    platform: 'browser',
    format: 'esm',
    conditions: ['@referkit/source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [...(config.plugins ?? []), ...extraPlugins],
  });
}

export default [
  {
    name: 'AddReferrersModal, first load (JS without lazy chunks, and styles.css)',
    path: 'size/first-load.js',
    ignore: PEERS,
    gzip: true,
    limit: '15 kB',
    modifyEsbuildConfig: fromSource([excludeLazyChunks]),
  },
  {
    name: 'SyncManager, first load (JS without lazy chunks, and styles.css)',
    path: 'size/sync-manager.js',
    ignore: PEERS,
    gzip: true,
    limit: '10 kB',
    modifyEsbuildConfig: fromSource([excludeLazyChunks]),
  },
  {
    name: 'styles.css',
    path: 'src/styles.css',
    gzip: true,
    limit: '8 kB',
    modifyEsbuildConfig: fromSource(),
  },
  {
    name: 'Whole kit: ui + react + core (JS with lazy chunks, and styles.css)',
    path: 'size/whole-kit.js',
    ignore: PEERS,
    gzip: true,
    limit: '55 kB',
    modifyEsbuildConfig: fromSource(),
  },
];
