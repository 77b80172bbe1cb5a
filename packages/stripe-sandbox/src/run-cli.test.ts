import { describe, expect, it } from 'vitest';
import { CliUsageError, runCli } from './run-cli';
import { sdk } from './test-support';

describe('runCli', () => {
  it('starts a seeded sandbox and prints its URL and test key', async () => {
    const lines: string[] = [];
    const sandbox = await runCli(['--port', '0', '--customers', '25', '--rate-limit', 'off'], (l) =>
      lines.push(l),
    );
    if (!sandbox) throw new Error('expected a sandbox');
    try {
      const out = lines.join('\n');
      expect(out).toContain(`listening on ${sandbox.url}`);
      expect(out).toContain(`STRIPE_API_BASE=${sandbox.url}`);
      expect(out).toContain(`STRIPE_SECRET_KEY=${sandbox.secretKey}`);
      expect(sandbox.secretKey).toMatch(/^sk_test_/);
      const page = await sdk(sandbox).customers.list({ limit: 100 });
      expect(page.data.length).toBeGreaterThan(15);
      expect(sandbox.config().rateLimit).toBe(false);
    } finally {
      await sandbox.stop();
    }
  });

  it('prints JSON with --json and help with --help', async () => {
    const lines: string[] = [];
    const sandbox = await runCli(['--port', '0', '--customers', '0', '--json'], (l) =>
      lines.push(l),
    );
    try {
      const details = JSON.parse(lines[0] ?? '{}') as { url: string; secretKey: string };
      expect(details.url).toBe(sandbox?.url);
      expect(details.secretKey).toBe(sandbox?.secretKey);
    } finally {
      await sandbox?.stop();
    }
    const live = await runCli(
      ['--port', '0', '--customers', '0', '--live', '--rate-limit', '40', '--json'],
      () => {},
    );
    try {
      expect(live?.secretKey).toMatch(/^sk_live_/);
      expect(live?.config().rateLimit).toMatchObject({
        global: { live: 40, test: 40 },
        endpoint: 25,
      });
      await expect(sdk(live as NonNullable<typeof live>).balance.retrieve()).resolves.toMatchObject(
        {
          livemode: true,
        },
      );
    } finally {
      await live?.stop();
    }
    const help: string[] = [];
    expect(await runCli(['--help'], (l) => help.push(l))).toBeNull();
    expect(help[0]).toMatch(/Usage: referkit-stripe-sandbox/);
  });

  it('refuses bad arguments with the usage text', async () => {
    await expect(runCli(['--port', 'abc'])).rejects.toBeInstanceOf(CliUsageError);
    await expect(runCli(['--nope'])).rejects.toThrow(/Usage/);
    await expect(runCli(['--rate-limit', '0'])).rejects.toThrow(/rate-limit/);
  });
});
