import { rename, writeFile } from 'node:fs/promises';
import { type DemoOptions, readDemoOptions } from './demo-options';
import { type RunningDemo, startDemo } from './start-demo';

/**
 * `pnpm demo`: starts everything, prints one URL, and stops everything it
 * started on Ctrl-C (SIGINT) or SIGTERM — also when the signal comes while
 * it is still starting.
 */
async function main() {
  let options: DemoOptions;
  try {
    options = readDemoOptions();
  } catch (error) {
    console.error(`Cannot start the demo: ${(error as Error).message}`);
    process.exit(1);
  }

  console.log('Starting Acme Referrals (the Referkit demo)…');
  const starting: Promise<RunningDemo> = startDemo(options, (line) => console.log(line));

  let firstSignalAt: number | null = null;
  const shutdown = async (signal: string) => {
    if (firstSignalAt !== null) {
      // Ctrl-C reaches every process of the terminal's group, and a wrapper
      // (pnpm, tsx) may relay it once more: only a later, deliberate second
      // signal skips the clean stop.
      if (Date.now() - firstSignalAt < 2000) return;
      console.log('Stopping now, without waiting.');
      process.exit(130);
    }
    firstSignalAt = Date.now();
    console.log(`\n${signal}: stopping the demo…`);
    const demo = await starting.catch(() => null);
    await demo?.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  let demo: RunningDemo;
  try {
    demo = await starting;
  } catch (error) {
    console.error(`\nThe demo could not start: ${(error as Error).stack ?? error}`);
    process.exit(1);
  }
  if (firstSignalAt !== null) return;

  console.log('');
  console.log(`  ➜  Acme Referrals: ${demo.url}`);
  if (demo.stripe.testKey) {
    console.log(`     Connect Stripe in Test Mode with the sandbox key: ${demo.stripe.testKey}`);
  }
  console.log('     Press Ctrl-C to stop.');
  if (options.readyFile) {
    // Written whole, then renamed: a reader never sees half a file.
    await writeFile(
      `${options.readyFile}.tmp`,
      JSON.stringify({
        url: demo.url,
        stripe: { apiBase: demo.stripe.apiBase ?? null, testKey: demo.stripe.testKey },
        databaseUrl: demo.databaseUrl,
        pid: process.pid,
      }),
    );
    await rename(`${options.readyFile}.tmp`, options.readyFile);
  }
}

void main();
