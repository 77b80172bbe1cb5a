import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  createDefaultSyncConfig,
  formatName,
  normalizeEmail,
  type Referrer,
  type Sync,
  type SyncConfig,
  type SyncRun,
  toReferrerDraft,
} from '@referkit/core';
import type { Browser, Locator, Page } from 'playwright-core';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatDateTime } from '../src/format';
import { createScreenshots, expectNoAxeViolations, launchChromium } from './browser';
import type {} from './demo-info';
import { tabAndPress, tabTo } from './keyboard';
import { listAllCustomers, sandboxStripe } from './sandbox-stripe';

/*
 * The demo's end-to-end journey, in order, against a demo started fresh by
 * the global setup: Chromium drives the dashboard; the sandbox is checked and
 * changed through the official `stripe` SDK. Every step is screenshotted
 * (test-results/screenshots) and checked with axe.
 */

const demo = inject('demo');
const stripe = sandboxStripe(demo.stripe.apiBase, demo.stripe.testKey);
const screenshot = createScreenshots(demo.artifactsDir);
const WRONG_KEY = 'sk_test_51WrongKeyThatStripeNeverIssued000000';
const SPRING = 'Spring Referral Program';
const VIP = 'VIP Customers';
/** How long a sync of a few hundred sandbox customers may take on a slow machine. */
const SYNC_TIMEOUT_MS = 120_000;

let browser: Browser;
let page: Page;

/** Screenshot and axe check of the page as it is now. */
async function checkpoint(name: string) {
  await screenshot(page, name);
  await expectNoAxeViolations(page, name);
}

const modal = () => page.getByRole('dialog', { name: /Add Referrers|Sync from Stripe/ });
const wizardHeading = (name: string | RegExp) => modal().getByRole('heading', { name });
const button = (scope: Page | Locator, name: string | RegExp) =>
  scope.getByRole('button', { name, exact: typeof name === 'string' });

async function openCampaign(name: string, tab: 'Promote' | 'Referrers') {
  await page.getByLabel('Campaign', { exact: true }).selectOption({ label: name });
  await page
    .getByRole('navigation', { name: 'Campaign pages' })
    .getByRole('link', { name: tab })
    .click();
  await page.getByRole('heading', { level: 1, name: tab }).waitFor();
}

async function campaignId(name: string): Promise<string> {
  const response = await fetch(`${demo.url}/api/referkit/campaigns`);
  const { campaigns } = (await response.json()) as {
    campaigns: Array<{ id: string; name: string }>;
  };
  const campaign = campaigns.find((c) => c.name === name);
  if (!campaign) throw new Error(`No campaign "${name}"`);
  return campaign.id;
}

/** Every referrer of a campaign, through the API the dashboard uses. */
async function allReferrers(name: string): Promise<Referrer[]> {
  const id = await campaignId(name);
  const referrers: Referrer[] = [];
  let cursor: string | null = null;
  do {
    const url = new URL(`${demo.url}/api/referkit/campaigns/${id}/referrers`);
    url.searchParams.set('limit', '100');
    if (cursor) url.searchParams.set('cursor', cursor);
    const page = (await (await fetch(url)).json()) as {
      referrers: Referrer[];
      nextCursor: string | null;
    };
    referrers.push(...page.referrers);
    cursor = page.nextCursor;
  } while (cursor);
  return referrers;
}

/** The sandbox customers a sync with `config` turns into referrers, by email identity. */
function eligibleByEmail(customers: Stripe.Customer[], config: SyncConfig) {
  const eligible = new Map<string, Stripe.Customer[]>();
  for (const customer of customers) {
    const result = toReferrerDraft(
      {
        id: customer.id,
        name: customer.name,
        email: customer.email,
        description: customer.description,
        phone: customer.phone,
        metadata: customer.metadata,
      },
      config,
    );
    if (!result.ok) continue;
    const list = eligible.get(result.draft.emailKey) ?? [];
    list.push(customer);
    eligible.set(result.draft.emailKey, list);
  }
  return eligible;
}

/** The referrer table's rows as `{ firstName, email, link, source }`. */
async function tableRows() {
  const table = page.getByRole('table', { name: 'All Referrers' });
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows
      .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? ''))
      .filter((cells) => cells.length === 5)
      .map(([firstName, email, link, source]) => ({ firstName, email, link, source })),
  );
}

/** Types a search and waits until the table shows its results. */
async function search(text: string) {
  await page.getByLabel('Search by name or email').fill(text);
  await page
    .locator(`table[data-query="${text.trim().replace(/"/g, '\\"')}"][aria-busy="false"]`)
    .waitFor();
}

const pagerStatus = () => page.locator('.demo-pager [role="status"]');

beforeAll(async () => {
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
});

describe('Acme Referrals demo', () => {
  it('shows the dashboard: brand, two campaigns, the sandbox key hint, Promote and Referrers', async () => {
    await page.goto(demo.url);
    await page.getByRole('heading', { level: 1, name: 'Promote' }).waitFor();
    expect(await page.getByRole('banner').textContent()).toContain('Acme Referrals');
    const options = await page
      .getByLabel('Campaign', { exact: true })
      .locator('option')
      .allTextContents();
    expect(options).toEqual([SPRING, VIP]);
    const hint = page.getByRole('region', { name: 'Demo hint' });
    expect(await hint.textContent()).toContain(demo.stripe.testKey);
    await page.getByRole('region', { name: 'Sync Or Upload Referrers' }).waitFor();
    await checkpoint('promote page');

    await openCampaign(SPRING, 'Referrers');
    await page.getByText('No referrers yet.').waitFor();
    await checkpoint('referrers tab empty');
  });

  it('opens the modal from the Promote card on Sync and on Upload', async () => {
    await openCampaign(SPRING, 'Promote');
    const card = page.getByRole('region', { name: 'Sync Or Upload Referrers' });
    await button(card, 'Upload').click();
    await modal()
      .getByRole('tab', { name: /Upload/, selected: true })
      .waitFor();
    await modal().getByRole('heading', { name: 'Upload a CSV' }).waitFor();
    await checkpoint('modal upload from promote card');
    await page.keyboard.press('Escape');
    await modal().waitFor({ state: 'hidden' });

    await button(card, 'Sync').click();
    await modal().getByRole('tab', { name: /Sync/, selected: true }).waitFor();
    await modal().getByRole('heading', { name: 'Sync from Integration' }).waitFor();
    for (const category of ['Payment Integration', 'CRM', 'Email Marketing']) {
      await modal().getByRole('heading', { name: category }).waitFor();
    }
    const stripeCard = button(modal(), /^Stripe/);
    expect(await stripeCard.textContent()).toContain('Not connected yet');
    await checkpoint('modal sync screen not connected');
  });

  it('connects Stripe: a wrong key shows its error, then the sandbox key connects', async () => {
    await button(modal(), /^Stripe/).click();
    const connect = page.getByRole('dialog', { name: 'Connect Stripe' });
    await connect.waitFor();
    expect(await connect.getByRole('radio', { name: 'Test Mode' }).isChecked()).toBe(true);
    expect(await connect.textContent()).toContain('Customers: Write');
    await checkpoint('connect dialog');

    const key = connect.getByLabel('Secret or restricted key');
    await key.fill(WRONG_KEY);
    await button(connect, 'Connect').click();
    const error = connect.getByRole('alert');
    await error.waitFor();
    expect((await error.textContent())?.trim().length).toBeGreaterThan(10);
    expect(await key.getAttribute('aria-invalid')).toBe('true');
    await checkpoint('connect dialog wrong key');

    await key.fill(demo.stripe.testKey);
    await button(connect, 'Connect').click();
    await connect.waitFor({ state: 'hidden' });
    await wizardHeading('Select Object Type').waitFor();
  });

  it('walks the five steps with a non-default mapping', async () => {
    const stepper = modal().getByRole('navigation', { name: 'Sync setup steps' });
    for (const step of [
      'Select Object Type',
      'Map Fields',
      'Map Return Fields',
      'Name Version',
      'Confirm',
    ]) {
      expect(await stepper.textContent()).toContain(step);
    }
    // 1. Select Object Type.
    expect(
      await modal()
        .getByRole('radio', { name: /Customers/ })
        .isChecked(),
    ).toBe(true);
    await checkpoint('step 1 select object type');
    await button(modal(), 'Continue').click();

    // 2. Map Fields: the defaults (Name → First Name, Email → Email) satisfy the required targets.
    await wizardHeading('Map Stripe Fields to Acme Referrals').waitFor();
    expect(
      await modal()
        .getByRole('combobox', { name: 'Acme Referrals field for Stripe Email' })
        .inputValue(),
    ).toBe('email');
    await checkpoint('step 2 map fields');
    await button(modal(), 'Continue').click();

    // 3. Map Return Fields: Referral Link → metadata referral_link, Referrals Count →
    //    Description, Converted Referrals Count → Do Not Send.
    await wizardHeading('Map Return Fields').waitFor();
    const link = modal().getByRole('group', { name: /^Referral Link/ });
    const linkSwitch = link.getByRole('switch', { name: 'Send As Metadata' });
    if ((await linkSwitch.getAttribute('aria-checked')) !== 'true') await linkSwitch.click();
    await link.getByLabel('Metadata Key').fill('referral[link]');
    expect(await link.textContent()).toContain("can't contain [ or ]");
    await link.getByLabel('Metadata Key').fill('referral_link');
    const count = modal().getByRole('group', { name: /^Referrals Count/ });
    await count.getByLabel('Stripe field').selectOption({ label: 'Description' });
    const converted = modal().getByRole('group', { name: /^Converted Referrals Count/ });
    await converted.getByLabel('Stripe field').selectOption({ label: 'Do Not Send' });
    await checkpoint('step 3 map return fields');
    await button(modal(), 'Continue').click();

    // 4. Name Version: V4, with a live preview of real sandbox names.
    await wizardHeading('Name Version').waitFor();
    await modal().getByRole('radio', { name: /^V4/ }).check();
    await modal()
      .getByRole('table', { name: 'Preview with names from your Stripe account' })
      .waitFor();
    await checkpoint('step 4 name version');
    await button(modal(), 'Continue').click();

    // 5. Confirm: the overview says what was chosen; One-Time Sync; Ready to Sync.
    await wizardHeading('Confirm').waitFor();
    const overview = modal().getByRole('region', { name: 'Sync Overview' });
    const text = (await overview.textContent()) ?? '';
    expect(text).toContain('V4');
    expect(text).toContain('Metadata: referral_link');
    expect(text).toContain('Description');
    expect(
      await modal()
        .getByRole('radio', { name: /One-Time Sync/ })
        .isChecked(),
    ).toBe(true);
    await modal().getByText('Ready to Sync').waitFor();
    await checkpoint('step 5 confirm');
  });

  it('runs a One-Time Sync: progress, then every eligible customer a referrer, written back to Stripe', async () => {
    await button(modal(), 'Start Sync').click();
    await modal().getByRole('progressbar', { name: 'Referrers created' }).waitFor();
    await screenshot(page, 'one-time sync running');
    await wizardHeading('Sync complete').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await checkpoint('one-time sync complete');
    await button(modal(), 'Done').click();
    await modal().waitFor({ state: 'hidden' });

    // What the sync should have done, computed with core from the sandbox's customers.
    const config: SyncConfig = {
      ...createDefaultSyncConfig(),
      nameVersion: 'v4',
      returns: {
        referralLink: { kind: 'metadata', key: 'referral_link' },
        referralCode: { kind: 'none' },
        referralsCount: { kind: 'field', field: 'description' },
        convertedReferralsCount: { kind: 'none' },
      },
    };
    const customers = await listAllCustomers(stripe);
    expect(customers.length).toBeGreaterThanOrEqual(250);
    const eligible = eligibleByEmail(customers, config);
    const referrers = await allReferrers(SPRING);
    expect(referrers.length).toBe(eligible.size);
    const byEmail = new Map(referrers.map((r) => [normalizeEmail(r.email), r]));
    for (const [emailKey, sources] of eligible) {
      const referrer = byEmail.get(emailKey);
      expect(referrer, `referrer for ${emailKey}`).toBeDefined();
      expect(referrer?.source).toBe('sync');
      expect(referrer?.referralLink).toMatch(/^https?:\/\/\S+\/\S+$/);
      const draft = toReferrerDraft(
        { id: sources[0]?.id ?? '', name: sources[0]?.name, email: sources[0]?.email },
        config,
      );
      expect(draft.ok && referrer?.firstName).toBe(draft.ok ? draft.draft.firstName : false);
    }
    // The sandbox customer each referrer came from carries its link and count.
    const customerById = new Map(customers.map((c) => [c.id, c]));
    for (const referrer of referrers) {
      const customer = customerById.get(referrer.externalId ?? '');
      expect(customer, `customer of ${referrer.email}`).toBeDefined();
      expect(customer?.metadata.referral_link).toBe(referrer.referralLink);
      expect(customer?.description).toBe(String(referrer.referralsCount));
    }
    // Customers that cannot be referrers got nothing written.
    const eligibleIds = new Set([...eligible.values()].flat().map((c) => c.id));
    for (const customer of customers.filter((c) => !eligibleIds.has(c.id))) {
      expect(customer.metadata.referral_link).toBeUndefined();
    }

    // The Referrers tab shows them all, a page at a time, searchable.
    await openCampaign(SPRING, 'Referrers');
    await expect
      .poll(() => pagerStatus().textContent(), { timeout: 10_000 })
      .toBe(`Showing 1–25 of ${eligible.size} referrers`);
    const first = await tableRows();
    expect(first).toHaveLength(25);
    for (const row of first) {
      expect(row.link).toBe(byEmail.get(normalizeEmail(row.email ?? ''))?.referralLink);
      expect(row.source).toBe('Stripe sync');
    }
    await page.getByText(/Last run/).waitFor();
    await checkpoint('referrers after one-time sync');
    await button(page, 'Next page').click();
    await expect
      .poll(() => pagerStatus().textContent())
      .toBe(`Showing 26–50 of ${eligible.size} referrers`);
    const second = await tableRows();
    expect(second.map((r) => r.email)).not.toEqual(first.map((r) => r.email));
    await screenshot(page, 'referrers page 2');

    const sample = referrers.find((r) => /^[a-z]/i.test(r.firstName) && r.email.includes('@'));
    if (!sample) throw new Error('No referrer with a Latin first name to search for');
    await search(sample.email);
    expect((await tableRows()).map((r) => r.email)).toContain(sample.email);
    await search(sample.firstName);
    expect((await tableRows()).map((r) => r.firstName)).toContain(sample.firstName);
    await screenshot(page, 'referrers search');
    await search('');
  });

  it('uploads a CSV with good rows, a duplicate and a broken row', async () => {
    const existing = (await allReferrers(SPRING))[0];
    if (!existing) throw new Error('No referrers to duplicate');
    await button(page, '+ Add Referrers').click();
    await modal().getByRole('tab', { name: /Sync/, selected: true }).waitFor();
    await modal()
      .getByRole('tab', { name: /Upload/ })
      .click();
    const csv = [
      'First Name,Email',
      'Greta,greta.upload@example.com',
      'Hiro,hiro.upload@example.com',
      `Dup,${existing.email}`,
      'Broken,not-an-email',
    ].join('\n');
    await modal()
      .locator('input[type="file"]')
      .setInputFiles({ name: 'referrers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const ignoreFirst = modal().getByLabel('Ignore first row (it holds column headers)');
    if (!(await ignoreFirst.isChecked())) await ignoreFirst.check();
    await checkpoint('upload mapping');
    await button(modal(), 'Import').click();
    await modal().getByText('2 created, 1 duplicates, 1 invalid.').waitFor();
    const results = modal().getByRole('region', { name: 'Import results' });
    const text = (await results.textContent()) ?? '';
    expect(text).toContain('Duplicate');
    expect(text).toContain('Invalid');
    await checkpoint('upload results');
  });

  it('refuses a duplicate email in Add Manually, and adds a new referrer', async () => {
    const existing = (await allReferrers(SPRING)).find((r) => r.source === 'sync');
    if (!existing) throw new Error('No synced referrer');
    await modal()
      .getByRole('tab', { name: /Add Manually/ })
      .click();
    await modal().getByLabel('First Name').fill('Someone');
    await modal().getByLabel('Email').fill(existing.email);
    await button(modal(), 'Add Referrer').click();
    const email = modal().getByLabel('Email');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const described = await email.getAttribute('aria-describedby');
    const message = await page.locator(`[id="${described?.split(' ')[0]}"]`).textContent();
    expect(message?.toLowerCase()).toMatch(/already|duplicate/);
    await checkpoint('add manually duplicate email');

    await modal().getByLabel('Email').fill('new.manual@example.com');
    await button(modal(), 'Add Referrer').click();
    await modal()
      .getByText(/was added/)
      .waitFor();
    await screenshot(page, 'add manually added');
  });

  it('runs the API option’s example request for real', async () => {
    await modal().getByRole('tab', { name: /API/ }).click();
    await button(modal(), 'Create API key').click();
    await modal().getByText('Copy this key now: it is shown only once.').waitFor();
    const example = (await modal().locator('pre code').textContent()) ?? '';
    expect(example).toContain('Authorization: Bearer refk_');
    await checkpoint('api panel');
    const run = promisify(execFile);
    const { stdout } = await run('sh', ['-c', `${example} --silent --show-error --fail-with-body`]);
    const created = JSON.parse(stdout) as { referrer: Referrer };
    expect(created.referrer.email).toBe('jane@example.com');
    expect(created.referrer.source).toBe('api');

    await page.keyboard.press('Escape');
    await modal().waitFor({ state: 'hidden' });
    await search('jane@example.com');
    const rows = await tableRows();
    expect(rows).toEqual([
      expect.objectContaining({
        email: 'jane@example.com',
        source: 'API',
        link: created.referrer.referralLink,
      }),
    ]);
    await search('upload@example.com');
    expect((await tableRows()).map((r) => r.source)).toEqual(['CSV upload', 'CSV upload']);
    await checkpoint('referrers from every source');
    await search('');
  });

  it('does the flow once more with the keyboard alone: an Ongoing Sync from the Referrers tab', async () => {
    // Land on the dashboard afresh and use nothing but the keyboard.
    await page.goto(`${demo.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const switcher = page.getByLabel('Campaign', { exact: true });
    await tabTo(page, switcher);
    await page.keyboard.type('VIP');
    await expect.poll(async () => switcher.locator('option:checked').textContent()).toBe(VIP);
    await tabAndPress(page, page.getByRole('link', { name: 'Referrers' }));
    await page.getByRole('heading', { level: 1, name: 'Referrers' }).waitFor();
    await checkpoint('keyboard vip referrers');

    await tabAndPress(page, button(page, '+ Add Referrers'));
    await modal().getByRole('tab', { name: /Sync/, selected: true }).waitFor();
    await tabAndPress(page, button(modal(), /^Stripe/));
    await wizardHeading('Select Object Type').waitFor();
    await checkpoint('keyboard step 1');

    const next = async (heading: string, name: string) => {
      await tabAndPress(page, button(modal(), 'Continue'));
      await wizardHeading(heading).waitFor();
      await checkpoint(`keyboard ${name}`);
    };
    await next('Map Stripe Fields to Acme Referrals', 'step 2');
    await next('Map Return Fields', 'step 3');
    await next('Name Version', 'step 4');
    // V1 (the default) → V2 with the arrow keys.
    await tabTo(page, modal().getByRole('radio', { name: /^V1/ }));
    await page.keyboard.press('ArrowDown');
    expect(await modal().getByRole('radio', { name: /^V2/ }).isChecked()).toBe(true);
    await next('Confirm', 'step 5');
    await tabTo(page, modal().getByRole('radio', { name: /One-Time Sync/ }));
    await page.keyboard.press('ArrowDown');
    expect(
      await modal()
        .getByRole('radio', { name: /Ongoing Sync/ })
        .isChecked(),
    ).toBe(true);
    await modal().getByText('Ready to Sync').waitFor();
    await checkpoint('keyboard confirm ongoing');
    await tabAndPress(page, button(modal(), 'Start Sync'));
    // Behind the modal, the Referrers tab's sync status shows the run in progress.
    await page.locator('[data-slot="sync-status"]', { hasText: /Running|Queued/ }).waitFor();
    await wizardHeading('Sync complete').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await checkpoint('keyboard ongoing sync complete');
    await tabAndPress(page, button(modal(), 'Done'));
    await modal().waitFor({ state: 'hidden' });
    await page.getByText('Next run').waitFor();
    await checkpoint('keyboard referrers with ongoing sync');
  });

  it('follows a name change in Stripe without reloading the page', async () => {
    const referrers = await allReferrers(VIP);
    const target = referrers.find((r) => r.externalId && r.firstName !== 'Zelda');
    if (!target?.externalId) throw new Error('No synced VIP referrer');
    // A reload would lose this marker.
    await page.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
    });
    await search(target.email);
    expect((await tableRows())[0]?.firstName).toBe(target.firstName);

    await stripe.customers.update(target.externalId, { name: 'Zelda Quickfollow' });
    await expect
      .poll(async () => (await tableRows())[0]?.firstName, { timeout: 30_000, interval: 500 })
      .toBe(formatName('Zelda Quickfollow', 'v2'));
    expect(
      await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload),
    ).toBe(true);
    await checkpoint('referrer followed stripe');

    // The server schedules the ongoing sync (hourly, the default): its next run is the
    // coming full hour (UTC), and the status panel shows exactly that time.
    const syncs = page.getByRole('region', { name: 'Syncs' });
    const nextRun = syncs
      .locator('dt', { hasText: 'Next run' })
      .locator('xpath=following-sibling::dd');
    const response = await fetch(
      `${demo.url}/api/referkit/syncs?campaignId=${await campaignId(VIP)}`,
    );
    const [sync] = ((await response.json()) as { syncs: Sync[] }).syncs;
    expect(sync?.config.schedule).toEqual({ kind: 'preset', preset: 'hourly' });
    // The change came through the server's own webhook route: an incremental run it started.
    const runs = await fetch(`${demo.url}/api/referkit/syncs/${sync?.id}/runs`);
    const [latest] = ((await runs.json()) as { runs: SyncRun[] }).runs;
    expect(latest).toMatchObject({ trigger: 'webhook', mode: 'incremental' });
    const next = new Date(sync?.nextRunAt ?? Number.NaN);
    expect([next.getUTCMinutes(), next.getUTCSeconds(), next.getUTCMilliseconds()]).toEqual([
      0, 0, 0,
    ]);
    // Upcoming: within the hour (a minute of slack for a tick that is about to move it on).
    expect(next.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(next.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    await expect.poll(() => nextRun.textContent()).toBe(formatDateTime(next.toISOString()));
  });
  it('manages the VIP sync with the keyboard alone: pause, resume, edit the name version, run now, run details, delete, then disconnect', async () => {
    const syncs = page.getByRole('region', { name: 'Syncs' });
    const card = syncs.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: 'Ongoing sync from Stripe' }),
    });
    const status = card.locator('[data-slot="sync-status"]');
    const notice = syncs.locator('[data-slot="manager-notice"]');
    await status.filter({ hasText: 'Active' }).waitFor({ timeout: SYNC_TIMEOUT_MS });
    await checkpoint('manage vip syncs');

    await tabAndPress(page, button(card, 'Pause'));
    await status.filter({ hasText: 'Paused' }).waitFor();
    await card.getByText('Paused: Stripe changes are not followed until you resume.').waitFor();
    await checkpoint('manage paused');
    await tabAndPress(page, button(card, 'Resume'));
    await status.filter({ hasText: 'Active' }).waitFor();
    await notice.filter({ hasText: 'Resumed: the sync follows Stripe again.' }).waitFor();

    // Edit: the wizard opens with the saved configuration (V2); V1 is saved as a new version.
    // The manager's region is named for what it shows: "Edit sync" while the wizard is open.
    const editor = page.getByRole('region', { name: 'Edit sync' });
    await tabAndPress(page, button(card, 'Edit'));
    await editor.getByRole('heading', { name: 'Select Object Type' }).waitFor();
    await checkpoint('manage edit');
    for (const heading of [
      'Map Stripe Fields to Acme Referrals',
      'Map Return Fields',
      'Name Version',
    ]) {
      await tabAndPress(page, button(editor, 'Continue'));
      await editor.getByRole('heading', { name: heading }).waitFor();
    }
    expect(await editor.getByRole('radio', { name: /^V2/ }).isChecked()).toBe(true);
    await tabTo(page, editor.getByRole('radio', { name: /^V2/ }));
    await page.keyboard.press('ArrowUp');
    expect(await editor.getByRole('radio', { name: /^V1/ }).isChecked()).toBe(true);
    await tabAndPress(page, button(editor, 'Continue'));
    await editor.getByRole('heading', { name: 'Confirm' }).waitFor();
    await tabAndPress(page, button(editor, 'Save changes'));
    await notice.filter({ hasText: 'Saved: the next run applies the new settings.' }).waitFor();
    await card.getByText(/Names: V1$/).waitFor();
    const id = await campaignId(VIP);
    const [saved] = (
      (await (await fetch(`${demo.url}/api/referkit/syncs?campaignId=${id}`)).json()) as {
        syncs: Sync[];
      }
    ).syncs;
    expect(saved?.config.nameVersion).toBe('v1');
    expect(saved?.configVersion).toBe(2);

    // Run now applies it: the referrers' first names become their first word.
    const zelda = (await allReferrers(VIP)).find((r) => r.firstName === 'Zelda Quickfollow');
    if (!zelda) throw new Error('The renamed VIP referrer is missing');
    await tabAndPress(page, button(card, 'Run now'));
    await status.filter({ hasText: /Running|Queued/ }).waitFor();
    await checkpoint('manage run now');
    await status.filter({ hasText: 'Active' }).waitFor({ timeout: SYNC_TIMEOUT_MS });
    await expect
      .poll(async () => (await allReferrers(VIP)).find((r) => r.id === zelda.id)?.firstName)
      .toBe('Zelda');
    await search(zelda.email);
    await expect.poll(async () => (await tableRows())[0]?.firstName).toBe('Zelda');
    await search('');

    // The run, record by record.
    await tabAndPress(page, button(card, 'View run details'));
    const records = syncs.getByRole('table', { name: 'Records of this run' });
    await records.waitFor();
    await checkpoint('manage run details');
    await tabAndPress(page, button(syncs, 'Back to syncs'));

    // Delete: the referrers stay.
    const before = (await allReferrers(VIP)).length;
    await tabAndPress(page, button(card, 'Delete'));
    const confirm = page.getByRole('alertdialog', { name: 'Delete this sync?' });
    await confirm
      .getByText('The referrers it created stay in the campaign.', { exact: false })
      .waitFor();
    await checkpoint('manage delete confirm');
    await tabAndPress(page, button(confirm, 'Delete sync'));
    await syncs.getByText('No syncs yet.').waitFor();
    expect((await allReferrers(VIP)).length).toBe(before);

    // Disconnect Stripe from its card.
    await tabAndPress(page, button(syncs, 'Disconnect Stripe'));
    const disconnect = page.getByRole('alertdialog', { name: 'Disconnect Stripe?' });
    await disconnect.waitFor();
    await checkpoint('manage disconnect confirm');
    await tabAndPress(page, button(disconnect, 'Disconnect'));
    await syncs.getByText('Stripe is not connected: syncs do not run.').waitFor();
    const integrations = (await (await fetch(`${demo.url}/api/referkit/integrations`)).json()) as {
      integrations: Array<{ id: string; status: string }>;
    };
    expect(integrations.integrations.find((i) => i.id === 'stripe')?.status).toBe('not_connected');
    await checkpoint('manage disconnected');
  });
});
