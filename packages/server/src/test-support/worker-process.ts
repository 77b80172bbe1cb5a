/**
 * A sync worker in its own process, for the crash test and the benchmark.
 * Configured by environment: DATABASE_URL, STRIPE_API_BASE,
 * REFERKIT_ENCRYPTION_KEY, and JSON in REFERKIT_JOBS, REFERKIT_RATE_LIMIT and
 * REFERKIT_WORKER. Prints `{"ready":true}` once polling; on the IPC message
 * `report` it sends its peak memory; on `stop` it stops and exits.
 */
import { readFileSync } from 'node:fs';
import { createReferkitServer } from '../create-referkit-server';

const json = (name: string) => (process.env[name] ? JSON.parse(process.env[name] as string) : {});

let peakHeap = 0;
/** Resident set size once a second, to show whether memory grows during a run. */
const rssSamples: number[] = [];
let ticks = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  if (ticks++ % 20 === 0) rssSamples.push(usage.rss);
};
const sampler = setInterval(sample, 50);

function peakRss(): number {
  // VmHWM: the resident set's high-water mark, as the kernel saw it.
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : process.memoryUsage().rss;
}

const server = createReferkitServer({
  database: { url: process.env.DATABASE_URL as string },
  stripe: {
    apiBase: process.env.STRIPE_API_BASE as string,
    rateLimit: json('REFERKIT_RATE_LIMIT'),
    budget: json('REFERKIT_BUDGET'),
  },
  encryptionKey: process.env.REFERKIT_ENCRYPTION_KEY as string,
  linkBaseUrl: 'https://ref.example.com',
  authenticate: () => null,
  jobs: json('REFERKIT_JOBS'),
});
const worker = await server.startWorker(json('REFERKIT_WORKER'));
process.stdout.write(`${JSON.stringify({ ready: true, rss: process.memoryUsage().rss })}\n`);

process.on('message', async (message) => {
  if (message === 'report') {
    sample();
    process.send?.({ peakRss: peakRss(), peakHeap, rssSamples });
  }
  if (message === 'stop') {
    clearInterval(sampler);
    await worker.stop();
    await server.close();
    process.exit(0);
  }
});
