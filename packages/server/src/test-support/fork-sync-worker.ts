import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyncJobOptions, SyncWorkerOptions } from '../server-options';
import type { AccountLimiterTuning } from '../stripe/account-limiter';
import type { StripeBudgetOptions } from '../stripe/stripe-budget';

/** A budget for a sandbox without rate limits: fast tests. */
export const UNLIMITED_BUDGET = { globalPerSecond: 200, endpointPerSecond: 200 };

/** Options of {@link forkSyncWorker}. */
export interface ForkSyncWorkerOptions {
  databaseUrl: string;
  stripeApiBase: string;
  encryptionKey: string;
  jobs?: SyncJobOptions;
  rateLimit?: AccountLimiterTuning;
  /** Default: a budget for a sandbox without limits (`UNLIMITED_BUDGET`). */
  budget?: StripeBudgetOptions;
  worker?: SyncWorkerOptions;
  /** Holds the process while it runs, so the caller can kill what is left when it fails. */
  children?: Set<ChildProcess>;
}

/**
 * Starts `worker-process.ts` — a sync worker in its own process, as a host
 * runs one — and resolves once it is polling, with its resident memory then.
 */
export async function forkSyncWorker(
  options: ForkSyncWorkerOptions,
): Promise<{ child: ChildProcess; readyRss: number }> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const child = fork(path.join(here, 'worker-process.ts'), [], {
    execArgv: ['--conditions=@referkit/source', '--import', 'tsx'],
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      STRIPE_API_BASE: options.stripeApiBase,
      REFERKIT_ENCRYPTION_KEY: options.encryptionKey,
      REFERKIT_JOBS: JSON.stringify(options.jobs ?? {}),
      REFERKIT_RATE_LIMIT: JSON.stringify(options.rateLimit ?? {}),
      REFERKIT_BUDGET: JSON.stringify(options.budget ?? UNLIMITED_BUDGET),
      REFERKIT_WORKER: JSON.stringify(options.worker ?? {}),
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  options.children?.add(child);
  child.once('exit', () => options.children?.delete(child));
  const readyRss = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const line = chunk.toString();
      if (line.includes('"ready"')) resolve(JSON.parse(line).rss);
    });
    child.once('exit', (code) => reject(new Error(`The worker process exited early (${code}).`)));
  });
  return { child, readyRss };
}
