import { parseArgs } from 'node:util';
import { type StripeSandbox, startStripeSandbox } from './start-stripe-sandbox';

const USAGE = `Usage: referkit-stripe-sandbox [options]

An offline, stateful Stripe for Referkit. Prints its URL and a test key.

Options:
  --port <n>            Port to listen on (default 12111; 0 picks a free one)
  --host <host>         Interface to listen on (default 127.0.0.1)
  --customers <n>       Customers seeded into the default account (default 500)
  --seed <seed>         Seed of the data, ids and keys (default 42)
  --rate-limit <n|off>  Global requests per second per account, both modes; the other
                        layers stay at Stripe's (default: Stripe's limits, test mode
                        25/s, live mode 100/s, 25/s per endpoint; off: no limits)
  --live                Make the default account live mode (sk_live_ key, live limits)
  --latency <ms>        Latency added to every API request (default 0)
  --webhook <url>       Create a webhook endpoint for every event (repeatable)
  --webhook-secret <s>  Signing secret of the --webhook endpoints (default: generated)
  --json                Print the details as one JSON line instead of text
  -h, --help            Show this help`;

/** Thrown for bad arguments; the message includes the usage text. */
export class CliUsageError extends Error {}

function fail(message: string): never {
  throw new CliUsageError(`referkit-stripe-sandbox: ${message}\n\n${USAGE}`);
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number ≥ 0 (got '${value}').`);
  return n;
}

/**
 * Runs the `referkit-stripe-sandbox` command: parses `argv`, starts the
 * sandbox and prints its URL and test key through `print`. Resolves with the
 * running sandbox (or `null` for `--help`).
 */
export async function runCli(
  argv: readonly string[],
  print: (line: string) => void = console.log,
): Promise<StripeSandbox | null> {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        customers: { type: 'string' },
        seed: { type: 'string' },
        'rate-limit': { type: 'string' },
        live: { type: 'boolean' },
        latency: { type: 'string' },
        webhook: { type: 'string', multiple: true },
        'webhook-secret': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help) {
    print(USAGE);
    return null;
  }
  const rateLimitText = values['rate-limit'];
  const rateLimit =
    rateLimitText === 'off' || rateLimitText === 'false'
      ? false
      : rateLimitText === undefined
        ? undefined
        : integer('rate-limit', rateLimitText, 0);
  if (rateLimit === 0) fail('--rate-limit must be ≥ 1, or off.');
  const seedText = values.seed ?? '42';
  const seed = /^-?\d+$/.test(seedText) ? Number(seedText) : seedText;
  const secret = values['webhook-secret'];

  const sandbox = await startStripeSandbox({
    port: integer('port', values.port, 12111),
    host: values.host ?? '127.0.0.1',
    customers: integer('customers', values.customers, 500),
    seed,
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(values.live ? { account: { livemode: true } } : {}),
    latency: integer('latency', values.latency, 0),
    webhookEndpoints: (values.webhook ?? []).map((url) => ({
      url,
      ...(secret === undefined ? {} : { secret }),
    })),
  });

  const details = {
    url: sandbox.url,
    secretKey: sandbox.secretKey,
    publishableKey: sandbox.publishableKey,
    accountId: sandbox.accountId,
    clientId: sandbox.clientId,
    webhookEndpoints: sandbox.webhookEndpoints,
  };
  if (values.json) {
    print(JSON.stringify(details));
  } else {
    const lines = [
      `Referkit Stripe sandbox listening on ${sandbox.url}`,
      '',
      `  STRIPE_API_BASE=${sandbox.url}`,
      `  STRIPE_SECRET_KEY=${sandbox.secretKey}`,
      '',
      `  account     ${sandbox.accountId}`,
      `  client_id   ${sandbox.clientId}`,
      `  control API ${sandbox.url}/_sandbox`,
      ...sandbox.webhookEndpoints.map((e) => `  webhook     ${e.url} (secret ${e.secret})`),
    ];
    print(lines.join('\n'));
  }
  return sandbox;
}
