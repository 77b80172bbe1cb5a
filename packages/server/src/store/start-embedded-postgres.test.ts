import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  locateBinaries,
  postgresUser,
  reachableBinaries,
  startEmbeddedPostgres,
} from './start-embedded-postgres';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs `test-support/exit-code-process.ts`; resolves with its exit code and what it printed. */
function runExitCodeProcess(dataDir: string, keep: boolean) {
  return new Promise<{ code: number | null; dataDir: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@referkit/source',
        '--import',
        'tsx',
        path.join(here, '..', 'test-support', 'exit-code-process.ts'),
        dataDir,
        ...(keep ? ['keep'] : []),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('{'));
      resolve({ code, dataDir: line ? JSON.parse(line).dataDir : '' });
    });
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function settings(url: string, names: string[]): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
    const result = await client.query<{ name: string; setting: string }>(
      'SELECT name, setting FROM pg_settings WHERE name = ANY($1)',
      [names],
    );
    return Object.fromEntries(result.rows.map((row) => [row.name, row.setting]));
  });
}

describe('startEmbeddedPostgres', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('is durable by default, trades durability for speed with durable: false, and keeps its data across restarts', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'referkit-embedded-pg-'));
    dirs.push(dir);
    // Postgres runs as its own user when the tests run as root: it must reach the folder.
    await chmod(dir, 0o755);
    const dataDir = path.join(dir, 'data');
    const names = ['fsync', 'synchronous_commit', 'full_page_writes', 'max_connections'];

    const fast = await startEmbeddedPostgres({
      dataDir,
      database: 'kept',
      durable: false,
      postgresFlags: ['-c', 'max_connections=42'],
    });
    try {
      expect(await settings(fast.url, names)).toEqual({
        fsync: 'off',
        synchronous_commit: 'off',
        full_page_writes: 'off',
        max_connections: '42',
      });
      await withClient(fast.url, async (client) => {
        await client.query('CREATE TABLE note (body text)');
        await client.query('INSERT INTO note VALUES ($1)', ['hello']);
      });
    } finally {
      await fast.stop();
    }

    const durable = await startEmbeddedPostgres({ dataDir, database: 'kept' });
    try {
      expect(await settings(durable.url, names)).toMatchObject({
        fsync: 'on',
        synchronous_commit: 'on',
        full_page_writes: 'on',
      });
      const rows = await withClient(durable.url, async (client) => {
        return (await client.query('SELECT body FROM note')).rows;
      });
      expect(rows).toEqual([{ body: 'hello' }]);
    } finally {
      await durable.stop();
    }
  });

  it('runs in a folder only its owner can enter (as root: from a folder the postgres user can reach)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'referkit-private-'));
    dirs.push(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'data'),
      durable: false,
    });
    dirs.push(postgres.dataDir);
    try {
      expect(
        await withClient(postgres.url, async (c) => (await c.query('SELECT 1 AS one')).rows),
      ).toEqual([{ one: 1 }]);
      if (process.getuid?.() === 0) {
        // The postgres user cannot enter the private folder: the files live where it can.
        expect(postgres.dataDir.startsWith(dir)).toBe(false);
      } else {
        expect(postgres.dataDir).toBe(path.join(dir, 'data'));
      }
    } finally {
      await postgres.stop();
    }
  });

  it('copies the binaries where the postgres user can run them when it cannot reach them', async () => {
    const user = postgresUser();
    const dir = await mkdtemp(path.join(tmpdir(), 'referkit-private-bin-'));
    dirs.push(dir);
    const source = locateBinaries().root;
    const hidden = path.join(dir, 'native');
    await cp(source, hidden, { recursive: true, verbatimSymlinks: true });
    const version = `test-${path.basename(dir)}`;
    const root = await reachableBinaries({ root: hidden, version }, user);
    dirs.push(root);
    const asUser = user ? { uid: user.uid, gid: user.gid } : {};
    const ran = spawnSync(path.join(root, 'bin', 'postgres'), ['--version'], asUser);
    expect(ran.status, String(ran.stderr)).toBe(0);
    expect(String(ran.stdout)).toMatch(/postgres \(PostgreSQL\) \d+/);
    if (user) {
      expect(root).not.toBe(hidden);
      const direct = spawnSync(path.join(hidden, 'bin', 'postgres'), ['--version'], asUser);
      expect(direct.status).not.toBe(0);
    } else {
      expect(root).toBe(hidden);
    }
  });

  it('leaves the exit code to the process, and stops a cluster still running when it exits', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'referkit-exit-code-'));
    dirs.push(dir);
    await chmod(dir, 0o755);
    const stopped = await runExitCodeProcess(path.join(dir, 'stopped'), false);
    expect(stopped.code).toBe(3);
    const kept = await runExitCodeProcess(path.join(dir, 'kept'), true);
    expect(kept.code).toBe(3);
    expect(kept.dataDir).not.toBe('');
    // Postgres removes postmaster.pid once it has shut down.
    const pidFile = path.join(kept.dataDir, 'postmaster.pid');
    await vi.waitFor(() => expect(existsSync(pidFile)).toBe(false), { timeout: 20_000 });
  });
});
