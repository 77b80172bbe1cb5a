import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWebApp } from '../server/build-web-app';
import { DEMO_ROOT } from '../server/demo-options';
import type { DemoInfo } from './demo-info';

const ARTIFACTS_DIR = path.join(DEMO_ROOT, 'test-results');
const START_TIMEOUT_MS = 150_000;

/**
 * Builds the web app and starts a fresh demo exactly as `pnpm demo` does
 * (server/main.ts, in a child process), but on a free port, with Postgres
 * data in a temp folder and a fresh sandbox. Stops it (SIGTERM, as Ctrl-C)
 * after the run and checks that it exited.
 */
export default async function setup(project: TestProject) {
  await rm(ARTIFACTS_DIR, { recursive: true, force: true });
  await mkdir(path.join(ARTIFACTS_DIR, 'screenshots'), { recursive: true });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'referkit-demo-e2e-'));
  // Postgres runs as its own user (it refuses root): it must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const readyFile = path.join(dataDir, 'ready.json');
  const logFile = path.join(ARTIFACTS_DIR, 'demo.log');

  // The built app by default; DEMO_E2E_MODE=development drives Vite's dev server instead.
  const mode = process.env.DEMO_E2E_MODE === 'development' ? 'development' : 'production';
  const buildStarted = performance.now();
  // Its own copy of the built app: turbo may rebuild dist/ while the tests run.
  const webDir = path.join(dataDir, 'web');
  if (mode === 'production') await buildWebApp(webDir);
  const built = performance.now();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: mode,
    PORT: '0',
    DEMO_DATA_DIR: dataDir,
    DEMO_READY_FILE: readyFile,
    DEMO_POSTGRES_FAST: '1',
    DEMO_WEB_DIR: webDir,
  };
  // A fresh demo every run: its own Postgres and its own sandbox.
  for (const name of ['DATABASE_URL', 'STRIPE_SECRET_KEY', 'STRIPE_API_BASE', 'PUBLIC_URL']) {
    delete env[name];
  }
  const log = createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    ['--conditions=@referkit/source', '--import', 'tsx', 'server/main.ts'],
    { cwd: DEMO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  let ready: { url: string; stripe: { apiBase: string | null; testKey: string | null } };
  try {
    ready = await waitForReady(child, readyFile, exited);
  } catch (error) {
    child.kill('SIGKILL');
    log.end();
    const output = existsSync(logFile) ? await readFile(logFile, 'utf8') : '';
    throw new Error(`${(error as Error).message}\n--- demo output ---\n${output}`);
  }
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `e2e (${mode}): web app built in ${seconds(built - buildStarted)} s; fresh demo ready in ${seconds(performance.now() - built)} s at ${ready.url}`,
  );
  if (!ready.stripe.apiBase || !ready.stripe.testKey) {
    throw new Error('The demo did not start the Stripe sandbox.');
  }
  const demo: DemoInfo = {
    url: ready.url,
    stripe: { apiBase: ready.stripe.apiBase, testKey: ready.stripe.testKey },
    artifactsDir: ARTIFACTS_DIR,
  };
  project.provide('demo', demo);

  return async () => {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await exited;
    clearTimeout(timer);
    log.end();
    // Ctrl-C (here SIGTERM) must leave no Postgres behind: a running cluster keeps this file.
    const postgresLeft = existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'));
    await rm(dataDir, { recursive: true, force: true });
    if (code !== 0) throw new Error(`The demo exited with ${code} on SIGTERM; see ${logFile}.`);
    if (postgresLeft) throw new Error('The demo exited but left its Postgres running.');
  };
}

async function waitForReady(
  child: ChildProcess,
  readyFile: string,
  exited: Promise<number | null>,
) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`The demo exited with ${exitCode} while starting.`);
    if (existsSync(readyFile)) return JSON.parse(await readFile(readyFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The demo was not ready within ${START_TIMEOUT_MS / 1000} s (pid ${child.pid}).`);
}
