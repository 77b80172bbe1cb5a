import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../store/start-embedded-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Postgres URL whose role may create databases (one per test file). */
    adminDatabaseUrl: string;
  }
}

/**
 * Starts one embedded Postgres for the test run (or uses `DATABASE_URL`), so
 * every test file can create its own database on it.
 */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('adminDatabaseUrl', process.env.DATABASE_URL);
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'referkit-server-test-'));
  // Postgres runs as its own user when the tests run as root: it must reach the folder.
  await chmod(dir, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'data'),
    database: 'postgres',
    durable: false,
    postgresFlags: ['-c', 'max_connections=300'],
  });
  project.provide('adminDatabaseUrl', postgres.url);
  return async () => {
    await postgres.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
