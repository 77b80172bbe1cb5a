import pg from 'pg';

/** Anything that runs a query: the pool or a client inside a transaction. */
export interface Queryable {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<Row>>;
}

/** Where the server's Postgres is: a connection string or a pool the host owns. */
export type DatabaseOptions =
  | {
      /** A Postgres connection string, e.g. `process.env.DATABASE_URL`. */
      url: string;
      /** Most connections the server's pool opens. Default: 10. */
      maxConnections?: number | undefined;
    }
  | {
      /** A `pg` pool the host created; the server never ends it. */
      pool: pg.Pool;
    };

/**
 * A small typed query layer over a `pg` pool: `rows`, `one`, `maybeOne` and
 * `transaction`. Every statement takes positional parameters; nothing is ever
 * interpolated into SQL.
 */
export interface Database {
  readonly pool: pg.Pool;
  rows<Row extends pg.QueryResultRow>(
    text: string,
    values?: unknown[],
    on?: Queryable,
  ): Promise<Row[]>;
  one<Row extends pg.QueryResultRow>(
    text: string,
    values?: unknown[],
    on?: Queryable,
  ): Promise<Row>;
  maybeOne<Row extends pg.QueryResultRow>(
    text: string,
    values?: unknown[],
    on?: Queryable,
  ): Promise<Row | null>;
  /** Runs `work` in a transaction on one client; rolls back when it throws. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  /** Ends the pool if the server created it. */
  close(): Promise<void>;
}

/** Opens the database described by `options`. */
export function createDatabase(options: DatabaseOptions): Database {
  const owned = 'url' in options;
  const pool =
    'url' in options
      ? new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 })
      : options.pool;
  if (owned) {
    // An idle client's error (e.g. the server restarting) must not crash the process.
    pool.on('error', () => {});
  }

  const rows = async <Row extends pg.QueryResultRow>(
    text: string,
    values: unknown[] = [],
    on: Queryable = pool,
  ): Promise<Row[]> => (await on.query<Row>(text, values)).rows;

  return {
    pool,
    rows,
    async one(text, values, on) {
      const result = await rows(text, values, on);
      if (result.length !== 1) throw new Error(`Expected one row, got ${result.length}`);
      return result[0] as never;
    },
    async maybeOne(text, values, on) {
      const result = await rows(text, values, on);
      return (result[0] as never) ?? null;
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      if (owned) await pool.end();
    },
  };
}
