import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createReferkitServer,
  type EmbeddedPostgres,
  type ReferkitServer,
  startEmbeddedPostgres,
} from '@referkit/server';
import {
  type StripeSandbox,
  startStripeSandbox,
  stripeClientOptions,
} from '@referkit/stripe-sandbox';
import pg from 'pg';
import Stripe from 'stripe';
import {
  BASE_URL,
  buildRequest,
  type ContractSession,
  type ContractTarget,
  readResponse,
} from './contract-target';

/** A database of its own on `DATABASE_URL` (a role that may create databases). */
async function createDatabase(adminUrl: string): Promise<string> {
  const name = `rk_contract_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The real server as the suite's target: `@referkit/server` on an embedded
 * Postgres (or a fresh database on `DATABASE_URL`), with a worker, talking to
 * `@referkit/stripe-sandbox` through the official SDK. Each session is a new
 * tenant with a new Stripe account of its own.
 */
export function serverTarget(): ContractTarget {
  let postgres: EmbeddedPostgres | null = null;
  let dataDir: string | null = null;
  let sandbox: StripeSandbox;
  let server: ReferkitServer;
  let tenants = 0;
  return {
    name: 'server',
    async setup() {
      let databaseUrl: string;
      if (process.env.DATABASE_URL) {
        databaseUrl = await createDatabase(process.env.DATABASE_URL);
      } else {
        dataDir = await mkdtemp(path.join(tmpdir(), 'referkit-contract-'));
        // Postgres runs as its own user when the tests run as root: it must reach the folder.
        await chmod(dataDir, 0o755);
        postgres = await startEmbeddedPostgres({
          dataDir: path.join(dataDir, 'data'),
          durable: false,
        });
        databaseUrl = postgres.url;
      }
      sandbox = await startStripeSandbox({ rateLimit: false });
      server = createReferkitServer({
        database: { url: databaseUrl },
        encryptionKey: randomBytes(32).toString('hex'),
        linkBaseUrl: 'https://ref.example.com',
        basePath: '/api',
        authenticate: (request) => {
          const accountId = request.headers.get('x-tenant');
          return accountId ? { accountId } : null;
        },
        validateResponses: true,
        logger: { info() {}, warn() {}, error() {} },
        stripe: { apiBase: sandbox.url },
      });
      await server.migrate();
      await server.startWorker({ pollingIntervalSeconds: 0.5, schedule: false });
    },
    async teardown() {
      await server?.close();
      await sandbox?.stop();
      await postgres?.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
    async session(): Promise<ContractSession> {
      tenants += 1;
      const tenant = `tenant_${tenants}`;
      const account = sandbox.createAccount();
      const stripe = new Stripe(account.secretKey, stripeClientOptions(sandbox.url));
      return {
        stripeKey: account.secretKey,
        rejectedKey: 'sk_test_51SomeoneElsesKey00000000',
        async request(method, pathname, init = {}) {
          const request = buildRequest(`${BASE_URL}${pathname}`, method, init, {
            'x-tenant': tenant,
          });
          return readResponse(await server.handler(request));
        },
        stripe: {
          async createCustomer(values) {
            return (await stripe.customers.create(values as Stripe.CustomerCreateParams)).id;
          },
          async updateCustomer(id, values) {
            await stripe.customers.update(id, values as Stripe.CustomerUpdateParams);
          },
          async deleteCustomer(id) {
            await stripe.customers.del(id);
          },
          async getCustomer(id) {
            const customer = await stripe.customers.retrieve(id);
            return { metadata: 'metadata' in customer ? { ...customer.metadata } : {} };
          },
        },
        async close() {},
      };
    },
  };
}
