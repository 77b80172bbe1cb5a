import type { DemoLog } from './start-demo';

/** Options of {@link startReferkit}. */
export interface StartReferkitOptions {
  databaseUrl: string;
  encryptionKey: string;
  stripeApiBase: string | undefined;
  webhookBaseUrl: string | undefined;
  /** The demo's one tenant. */
  accountId: string;
  basePath: string;
  log: DemoLog;
}

/** The Referkit server as the demo runs it. */
export interface RunningReferkit {
  /** The Fetch-API handler of `/api/referkit/*`. */
  handle: (request: Request) => Promise<Response>;
  /** Stops the worker, then the server. */
  stop(): Promise<void>;
}

/** Referral links of the sample brand. */
export const LINK_BASE_URL = 'https://acme-referrals.example/r';

/**
 * Creates the Referkit server with the demo's settings (every visitor is the
 * `acme` account) and starts its worker in this process.
 */
export async function startReferkit(options: StartReferkitOptions): Promise<RunningReferkit> {
  const { createReferkitServer } = await import('@referkit/server');
  const referkit = createReferkitServer({
    database: { url: options.databaseUrl },
    // A comma-separated list rotates keys: the first seals, every one opens.
    encryptionKey: options.encryptionKey.includes(',')
      ? options.encryptionKey.split(',').map((key) => key.trim())
      : options.encryptionKey,
    linkBaseUrl: LINK_BASE_URL,
    basePath: options.basePath,
    authenticate: () => ({ accountId: options.accountId }),
    stripe: {
      ...(options.stripeApiBase ? { apiBase: options.stripeApiBase } : {}),
      ...(options.webhookBaseUrl ? { webhookBaseUrl: options.webhookBaseUrl } : {}),
    },
    logger: {
      info() {},
      warn: (message) => options.log(`  [referkit] ${message}`),
      error: (message, details) =>
        options.log(`  [referkit] ${message}${details ? ` ${JSON.stringify(details)}` : ''}`),
    },
  });
  await referkit.migrate();
  const worker = await referkit.startWorker({ pollingIntervalSeconds: 0.5 });
  return {
    handle: (request) => referkit.handler(request),
    async stop() {
      await worker.stop();
      await referkit.close();
    },
  };
}
