import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './start-embedded-postgres';

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
});
