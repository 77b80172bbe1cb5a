/**
 * Starts an embedded Postgres in `argv[2]`, prints its data folder as JSON,
 * stops it unless `argv[3]` is `keep`, and ends with `process.exitCode = 3`:
 * the test checks the process exits with 3, not a code a dependency chose.
 */
import { startEmbeddedPostgres } from '../store/start-embedded-postgres';

const postgres = await startEmbeddedPostgres({
  dataDir: process.argv[2] as string,
  database: 'exit_code',
  durable: false,
});
console.log(JSON.stringify({ dataDir: postgres.dataDir }));
if (process.argv[3] !== 'keep') await postgres.stop();
process.exitCode = 3;
