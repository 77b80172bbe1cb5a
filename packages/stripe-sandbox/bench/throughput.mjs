// Throughput and memory of the sandbox with 100,000 customers.
//
// The sandbox runs in its own process (one event loop, so one core) from the
// built CLI; this process drives it through the official `stripe` SDK (and a
// raw keep-alive HTTP client, to show the server's own ceiling). Every loop
// is bounded in requests and time and the script stops by itself.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const MAX_REQUESTS = 200_000;

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function startSandbox() {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [cli, '--port', '0', '--customers', String(CUSTOMERS), '--rate-limit', 'off', '--json'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, details: JSON.parse(line), startMs: performance.now() - started });
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
}

async function info(url) {
  return (await fetch(`${url}/_sandbox`)).json();
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `task(i)` with CONCURRENCY workers for SECONDS (or MAX_REQUESTS). */
async function load(name, url, task, { seconds = SECONDS, maxRequests = MAX_REQUESTS } = {}) {
  const before = await info(url);
  const latencies = [];
  let next = 0;
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  async function worker() {
    while (performance.now() < deadline && next < maxRequests) {
      const i = next++;
      const t = performance.now();
      try {
        await task(i);
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const after = await info(url);
  const serverCpu = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6;
  latencies.sort((a, b) => a - b);
  return {
    scenario: name,
    requests: latencies.length,
    errors,
    'req/s': Math.round(latencies.length / elapsed),
    'req per server CPU-s': Math.round(latencies.length / serverCpu),
    'p50 ms': percentile(latencies, 50).toFixed(1),
    'p95 ms': percentile(latencies, 95).toFixed(1),
  };
}

const { child, details, startMs } = await startSandbox();
try {
  const { url, secretKey } = details;
  const { hostname, port } = new URL(url);
  const stripe = new Stripe(secretKey, {
    host: hostname,
    port: Number(port),
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  const seeded = await info(url);
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `Sandbox with ${CUSTOMERS.toLocaleString('en')} customers started in ${(startMs / 1000).toFixed(2)} s; ` +
      `server RSS ${mb(seeded.memory.rss)}, heap used ${mb(seeded.memory.heapUsed)}.`,
  );

  // Every customer id, through auto-pagination (also the list benchmark).
  const ids = [];
  const listStarted = performance.now();
  for await (const customer of stripe.customers.list({ limit: 100 })) ids.push(customer.id);
  const listSeconds = (performance.now() - listStarted) / 1000;
  const unique = new Set(ids).size;
  console.log(
    `Auto-paginated ${ids.length.toLocaleString('en')} customers (${unique === ids.length ? 'each once' : 'DUPLICATES'}) ` +
      `in ${listSeconds.toFixed(2)} s: ${Math.round(ids.length / 100 / listSeconds)} pages/s, ` +
      `${Math.round(ids.length / listSeconds).toLocaleString('en')} customers/s (one client, sequential).`,
  );

  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  /** A keep-alive GET; resolves with the status. */
  const rawStatus = (path) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { hostname, port, path, agent, headers: { Authorization: `Bearer ${secretKey}` } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        },
      );
      req.on('error', reject);
      req.end();
    });
  const raw = async (path) => {
    const status = await rawStatus(path);
    if (status !== 200) throw new Error(String(status));
  };
  const configure = (patch) =>
    fetch(`${url}/_sandbox/config`, { method: 'PATCH', body: JSON.stringify(patch) });

  const results = [];
  results.push(
    await load('GET /v1/customers/:id (raw HTTP)', url, (i) =>
      raw(`/v1/customers/${ids[i % ids.length]}`),
    ),
  );
  results.push(
    await load('GET /v1/customers/:id (stripe SDK)', url, (i) =>
      stripe.customers.retrieve(ids[i % ids.length]),
    ),
  );
  results.push(
    await load('POST /v1/customers/:id metadata + Idempotency-Key (SDK)', url, (i) =>
      stripe.customers.update(
        ids[i % ids.length],
        { metadata: { referral_link: `https://ref.example/${i}` } },
        { idempotencyKey: `bench-${i}` },
      ),
    ),
  );
  results.push(
    await load('GET /v1/customers?limit=100 (SDK)', url, () =>
      stripe.customers.list({ limit: 100 }),
    ),
  );
  results.push(
    await load('GET /v1/events?limit=100 (SDK)', url, () => stripe.events.list({ limit: 100 })),
  );
  console.table(results);

  // The layered limits: what checking them costs, and that a flood is held
  // to Stripe's pace.
  const limits = [];
  const high = 1_000_000;
  await configure({
    rateLimit: { global: high, endpoint: high, concurrency: high, endpointConcurrency: high },
  });
  limits.push(
    await load('GET /v1/customers/:id (raw HTTP), every layer on, none reached', url, (i) =>
      raw(`/v1/customers/${ids[i % ids.length]}`),
    ),
  );
  await configure({ rateLimit: false });
  await configure({ rateLimit: {} }); // Stripe's defaults, fresh buckets
  let served = 0;
  let limited = 0;
  const flood = await load(
    "GET /v1/customers/:id flood (raw HTTP), Stripe's test-mode limits",
    url,
    async (i) => {
      const status = await rawStatus(`/v1/customers/${ids[i % ids.length]}`);
      if (status === 200) served++;
      else if (status === 429) limited++;
      else throw new Error(String(status));
    },
  );
  limits.push({
    ...flood,
    'served/s (25/s + a full first second)': (served / SECONDS).toFixed(1),
    '429 share': `${((100 * limited) / (served + limited)).toFixed(1)}%`,
  });
  await configure({ rateLimit: false });
  agent.destroy();
  console.table(limits);

  const end = await info(url);
  console.log(
    `Server after the runs: RSS ${mb(end.memory.rss)}, heap used ${mb(end.memory.heapUsed)} ` +
      `(${end.accounts[0].events.toLocaleString('en')} events, idempotency keys and cached customer JSON included).`,
  );

  // A full write-back: every customer changed once, each change an event.
  const mutateStarted = performance.now();
  await fetch(`${url}/_sandbox/mutate`, {
    method: 'POST',
    body: JSON.stringify({ changeMetadata: CUSTOMERS }),
  });
  const mutated = await info(url);
  console.log(
    `After changing all ${CUSTOMERS.toLocaleString('en')} customers once (${((performance.now() - mutateStarted) / 1000).toFixed(1)} s, in-process): ` +
      `RSS ${mb(mutated.memory.rss)}, heap used ${mb(mutated.memory.heapUsed)}, ${mutated.accounts[0].events.toLocaleString('en')} events kept.`,
  );
} finally {
  child.kill('SIGTERM');
}
