import {
  API_ERROR_STATUS,
  type ApiErrorCode,
  apiErrorSchema,
  COMING_SOON_INTEGRATIONS,
  createDefaultSyncConfig,
  nextScheduleRun,
  SYNC_OUTCOMES_CSV_HEADERS,
  type Sync,
  type SyncConfig,
  type SyncOutcome,
} from '@referkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractResponse, ContractSession, ContractTarget } from './contract-target';
import { mockTarget } from './mock-target';
import { serverTarget } from './server-target';

/** Every error each target answered, in the order the suite asked: compared at the end. */
const errorsByTarget = new Map<string, { code: string; message: string; fields: unknown }[]>();
let currentTarget = '';

/** An error answer: its status is the code's, its body the one error shape. */
function expectError(response: ContractResponse, code: ApiErrorCode): void {
  const errors = errorsByTarget.get(currentTarget) ?? [];
  errorsByTarget.set(currentTarget, errors);
  errors.push({
    code: response.body?.error?.code,
    message: response.body?.error?.message,
    fields: response.body?.error?.fields ?? null,
  });
  expect(
    { status: response.status, code: response.body?.error?.code },
    `${response.status} ${response.text}`,
  ).toEqual({ status: API_ERROR_STATUS[code], code });
  expect(apiErrorSchema.safeParse(response.body).success).toBe(true);
  expect(response.body.error.message).toMatch(/\S/);
}

function expectStatus(response: ContractResponse, status: number): void {
  expect(response.status, response.text).toBe(status);
}

/** Polls a sync until no run is in progress (the mock moves a run on per poll). */
async function settle(session: ContractSession, syncId: string): Promise<Sync> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const response = await session.request('GET', `/syncs/${syncId}`);
    expectStatus(response, 200);
    const sync = response.body.sync as Sync;
    if (!sync.currentRun) return sync;
    if (Date.now() > deadline) throw new Error(`Sync ${syncId} still running: ${response.text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every outcome of a run, page by page. */
async function allOutcomes(
  session: ContractSession,
  syncId: string,
  runId: string,
): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await session.request('GET', `/syncs/${syncId}/runs/${runId}/outcomes${query}`);
    expectStatus(page, 200);
    outcomes.push(...page.body.outcomes);
    cursor = page.body.nextCursor;
  } while (cursor);
  return outcomes;
}

/** A run's outcomes by customer, without ids and timestamps. */
function byCustomer(outcomes: readonly SyncOutcome[], names: Record<string, string>) {
  return Object.fromEntries(
    outcomes.map((o) => [
      names[o.externalId] ?? o.externalId,
      {
        outcome: o.outcome,
        reasonCode: o.reasonCode,
        referrer: o.referrerId !== null,
        writtenBack: o.writtenBack,
        ...(o.duplicateOf ? { duplicateOf: names[o.duplicateOf] ?? o.duplicateOf } : {}),
      },
    ]),
  );
}

/** The default mapping with Last Name from `metadata.last_name`, written back to `referral_link`. */
function syncConfig(): SyncConfig {
  const config = createDefaultSyncConfig();
  return {
    ...config,
    inbound: [...config.inbound, { source: 'metadata.last_name', target: 'lastName' }],
  };
}

const targets: ContractTarget[] = [mockTarget(), serverTarget()];

describe.each(targets)('the HTTP contract on the $name', (target) => {
  let session: ContractSession;
  beforeAll(async () => {
    currentTarget = target.name;
    await target.setup();
    session = await target.session();
  });
  afterAll(async () => {
    await session?.close();
    await target.teardown();
  });

  it('answers unknown routes and methods with their codes', async () => {
    expectError(await session.request('GET', '/nope'), 'not_found');
    expectError(await session.request('PUT', '/campaigns'), 'method_not_allowed');
  });

  it('refuses a webhook for an endpoint it does not have', async () => {
    expectError(
      await session.request('POST', '/webhooks/stripe/acct_unknown', {
        anonymous: true,
        rawBody: '{}',
        headers: { 'content-type': 'application/json' },
      }),
      'not_found',
    );
  });

  it('lists Stripe first, not connected, then the integrations to come', async () => {
    const response = await session.request('GET', '/integrations');
    expectStatus(response, 200);
    expect(
      response.body.integrations.map((i: { id: string; status: string; available: boolean }) => [
        i.id,
        i.status,
        i.available,
      ]),
    ).toEqual([
      ['stripe', 'not_connected', true],
      ...COMING_SOON_INTEGRATIONS.map((i) => [i.id, 'not_connected', false]),
    ]);
    expectError(
      await session.request('GET', '/integrations/stripe/object-types'),
      'integration_not_connected',
    );
  });

  it('refuses bad keys with their codes, then connects with a secret key', async () => {
    const connect = (body: unknown) =>
      session.request('POST', '/integrations/stripe/connect', { body });
    expectError(await connect({ mode: 'test' }), 'invalid_request');
    expectError(
      await connect({ mode: 'test', secretKey: 'pk_test_51Publishable000000000' }),
      'stripe_key_invalid_format',
    );
    expectError(
      await connect({ mode: 'live', secretKey: session.stripeKey }),
      'stripe_key_mode_mismatch',
    );
    expectError(
      await connect({ mode: 'test', secretKey: session.rejectedKey }),
      'stripe_key_rejected',
    );
    expectError(
      await session.request('POST', '/integrations/stripe/oauth/start', { body: { mode: 'test' } }),
      'stripe_oauth_not_configured',
    );
    const connected = await connect({ mode: 'test', secretKey: session.stripeKey });
    expectStatus(connected, 200);
    expect(connected.body.integration).toMatchObject({
      id: 'stripe',
      status: 'connected',
      connection: { mode: 'test', method: 'key' },
    });
    expect(connected.text).not.toContain(session.stripeKey);
  });

  it('creates, lists and reads campaigns', async () => {
    expectError(
      await session.request('POST', '/campaigns', { body: { name: '' } }),
      'invalid_request',
    );
    const body = { name: 'Spring referrals', linkBaseUrl: 'https://refer.example.com/spring' };
    const headers = { 'idempotency-key': 'create-spring-1' };
    const created = await session.request('POST', '/campaigns', { body, headers });
    expectStatus(created, 201);
    // The same key again: the first answer, nothing created twice; with another body: refused.
    const replayed = await session.request('POST', '/campaigns', { body, headers });
    expectStatus(replayed, 201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(created.body);
    expectError(
      await session.request('POST', '/campaigns', { body: { name: 'Other' }, headers }),
      'idempotency_key_reused',
    );
    const { campaign } = created.body;
    expect(campaign).toMatchObject({
      name: 'Spring referrals',
      linkBaseUrl: 'https://refer.example.com/spring',
      referrerCount: 0,
    });
    const list = await session.request('GET', '/campaigns');
    expectStatus(list, 200);
    expect(list.body.campaigns.map((c: { id: string }) => c.id)).toEqual([campaign.id]);
    const one = await session.request('GET', `/campaigns/${campaign.id}`);
    expectStatus(one, 200);
    expect(one.body.campaign).toEqual(campaign);
    expectError(await session.request('GET', '/campaigns/camp_missing'), 'not_found');
  });

  describe('in a campaign', () => {
    let campaignId: string;
    beforeAll(async () => {
      const list = await session.request('GET', '/campaigns');
      campaignId = list.body.campaigns[0].id;
    });

    it('adds referrers by hand, refuses a duplicate or invalid one, pages, searches and deletes', async () => {
      const add = (body: unknown, headers?: Record<string, string>) =>
        session.request('POST', `/campaigns/${campaignId}/referrers`, { body, headers });
      const jane = await add({
        firstName: ' Jane ',
        lastName: 'Doe',
        email: 'Jane@Example.com',
        company: 'Acme',
      });
      expectStatus(jane, 201);
      expect(jane.body.referrer).toMatchObject({
        campaignId,
        firstName: 'Jane',
        lastName: 'Doe',
        email: 'Jane@Example.com',
        company: 'Acme',
        source: 'manual',
        externalId: null,
        referralsCount: 0,
      });
      expect(jane.body.referrer.referralLink).toMatch(/^https:\/\/refer\.example\.com\/spring/);
      expectError(await add({ firstName: 'Jane', email: 'jane@example.com ' }), 'duplicate_email');
      expectError(await add({ firstName: 'Bo', email: 'not-an-email' }), 'invalid_request');
      expectError(await add({ firstName: '', email: 'bo@example.com' }), 'invalid_request');
      for (const name of ['Sam', 'Ola', 'Kim']) {
        expectStatus(
          await add({ firstName: name, email: `${name.toLowerCase()}@example.com` }),
          201,
        );
      }

      const first = await session.request('GET', `/campaigns/${campaignId}/referrers?limit=3`);
      expectStatus(first, 200);
      expect(first.body.total).toBe(4);
      expect(first.body.referrers).toHaveLength(3);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await session.request(
        'GET',
        `/campaigns/${campaignId}/referrers?limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      );
      expectStatus(second, 200);
      expect(second.body.referrers).toHaveLength(1);
      expect(second.body.nextCursor).toBeNull();
      const emails = [...first.body.referrers, ...second.body.referrers].map(
        (r: { email: string }) => r.email,
      );
      expect(new Set(emails)).toEqual(
        new Set(['Jane@Example.com', 'sam@example.com', 'ola@example.com', 'kim@example.com']),
      );
      expectError(
        await session.request('GET', `/campaigns/${campaignId}/referrers?limit=0`),
        'invalid_request',
      );

      const search = await session.request('GET', `/campaigns/${campaignId}/referrers?q=OLA`);
      expectStatus(search, 200);
      expect(search.body.referrers.map((r: { email: string }) => r.email)).toEqual([
        'ola@example.com',
      ]);
      const kim = (await session.request('GET', `/campaigns/${campaignId}/referrers?q=kim`)).body
        .referrers[0];
      expectStatus(
        await session.request('DELETE', `/campaigns/${campaignId}/referrers/${kim.id}`),
        204,
      );
      expectError(
        await session.request('DELETE', `/campaigns/${campaignId}/referrers/${kim.id}`),
        'not_found',
      );
      const campaign = await session.request('GET', `/campaigns/${campaignId}`);
      expect(campaign.body.campaign.referrerCount).toBe(3);
    });

    it('creates an API key once shown, which adds referrers; a wrong key is unauthorized', async () => {
      const none = await session.request('GET', '/api-key');
      expectStatus(none, 200);
      expect(none.body.apiKey).toBeNull();
      expect(none.body.endpoint).toMatch(/\/campaigns\/\{campaignId\}\/referrers$/);
      const created = await session.request('POST', '/api-key');
      expectStatus(created, 201);
      expect(created.body.secret).toMatch(/^refk_/);
      expect(created.body.apiKey).toMatchObject({ lastUsedAt: null });
      const shown = await session.request('GET', '/api-key');
      expect(shown.text).not.toContain(created.body.secret);
      expect(shown.body.apiKey.prefix).toBe(created.body.apiKey.prefix);

      const viaKey = await session.request('POST', `/campaigns/${campaignId}/referrers`, {
        anonymous: true,
        headers: { authorization: `Bearer ${created.body.secret}` },
        body: { firstName: 'Api', email: 'api@example.com' },
      });
      expectStatus(viaKey, 201);
      expect(viaKey.body.referrer.source).toBe('api');
      expectError(
        await session.request('POST', `/campaigns/${campaignId}/referrers`, {
          anonymous: true,
          headers: { authorization: 'Bearer refk_not_the_key_000000000000' },
          body: { firstName: 'Api', email: 'api2@example.com' },
        }),
        'unauthorized',
      );
    });

    it('imports a CSV: created, duplicate and invalid rows with their row numbers', async () => {
      const csv = [
        'First Name,Last Name,Email,Company',
        'Lee,Park,lee@example.com,Parks',
        'Jane,Doe,jane@example.com,',
        'Nope,,not-an-email,',
        'Mia,,mia@example.com,',
      ].join('\n');
      const imported = await session.request(
        'POST',
        `/campaigns/${campaignId}/referrers/import?columns=firstName,lastName,email,company&ignoreFirstRow=true`,
        { rawBody: csv, headers: { 'content-type': 'text/csv' } },
      );
      expectStatus(imported, 200);
      expect(
        imported.body.rows.map((r: { row: number; status: string }) => [r.row, r.status]),
      ).toEqual([
        [2, 'created'],
        [3, 'duplicate'],
        [4, 'invalid'],
        [5, 'created'],
      ]);
      expect(imported.body).toMatchObject({ created: 2, duplicates: 1, invalid: 1 });
      // A semicolon file with a BOM, and a tab-separated Windows-1252 one: read the same way.
      const semicolon = new TextEncoder().encode('\uFEFFFirst Name;Email\n"Zoë";zoe@example.com\n');
      const latin1 = Uint8Array.from([
        ...new TextEncoder().encode('First Name\tEmail\nJos'),
        0xe9,
        ...new TextEncoder().encode('\tjose@example.com\n'),
      ]);
      for (const [bytes, name] of [
        [semicolon, 'Zoë'],
        [latin1, 'José'],
      ] as const) {
        const result = await session.request(
          'POST',
          `/campaigns/${campaignId}/referrers/import?columns=firstName,email&ignoreFirstRow=true`,
          { rawBody: bytes, headers: { 'content-type': 'text/csv' } },
        );
        expectStatus(result, 200);
        expect(result.body).toMatchObject({ created: 1, duplicates: 0, invalid: 0 });
        const found = await session.request(
          'GET',
          `/campaigns/${campaignId}/referrers?q=${encodeURIComponent(name)}`,
        );
        expect(found.body.referrers.map((r: { firstName: string }) => r.firstName)).toEqual([name]);
      }
      expectError(
        await session.request('POST', `/campaigns/${campaignId}/referrers/import?columns=email`, {
          rawBody: '{"a":1}',
          headers: { 'content-type': 'application/json' },
        }),
        'unsupported_media_type',
      );
    });

    it('previews a CSV file’s start as the import reads it, or says why it cannot be imported', async () => {
      const preview = (body: string | Uint8Array, query = '') =>
        session.request('POST', `/campaigns/${campaignId}/referrers/import/preview${query}`, {
          rawBody: body,
          headers: { 'content-type': 'text/csv' },
        });
      const semicolon = new TextEncoder().encode(
        '\uFEFFE-mail;Prénom;Notes\nzoe@example.com;"Zoë";x\nann@example.com;Ann;y\nbo@exam',
      );
      const start = await preview(semicolon, `?fileSize=${semicolon.length + 500}`);
      expectStatus(start, 200);
      expect(start.body).toEqual({
        preview: {
          rows: [
            { line: 1, values: ['E-mail', 'Prénom', 'Notes'] },
            { line: 2, values: ['zoe@example.com', 'Zoë', 'x'] },
            { line: 3, values: ['ann@example.com', 'Ann', 'y'] },
          ],
          delimiter: ';',
          encoding: 'utf-8',
          width: 3,
          hasHeaderRow: true,
          columns: ['email', 'skip', 'skip'],
        },
        problem: null,
      });
      // The same bytes as the whole file: the last row is not cut, so it shows.
      expect((await preview(semicolon)).body.preview.rows).toHaveLength(4);

      const unclosed = await preview('First Name,Email\n"Ann,ann@example.com\n');
      expectStatus(unclosed, 200);
      expect(unclosed.body).toEqual({
        preview: null,
        problem: {
          code: 'unclosed_quote',
          message:
            'Line 2 of the file has a quoted value that is never closed. Fix the quotes and import again.',
        },
      });
      const huge = await preview('First Name,Email\n', '?fileSize=999999999');
      expect(huge.body.problem).toMatchObject({ code: 'too_large' });
      expect(huge.body.problem.message).toMatch(/^The file is larger than \d+ MB\./);

      expectError(await preview('a,b\n'.repeat(20_000)), 'payload_too_large');
      expectError(await preview('a,b\n', '?fileSize=-1'), 'invalid_request');
      expectError(
        await session.request('POST', '/campaigns/camp_nope/referrers/import/preview', {
          rawBody: 'a,b\n',
          headers: { 'content-type': 'text/csv' },
        }),
        'not_found',
      );
      expectError(
        await session.request('POST', `/campaigns/${campaignId}/referrers/import/preview`, {
          rawBody: '{"a":1}',
          headers: { 'content-type': 'application/json' },
        }),
        'unsupported_media_type',
      );
    });

    describe('a sync', () => {
      const names: Record<string, string> = {};
      const ids: Record<string, string> = {};
      let syncId: string;

      beforeAll(async () => {
        const customers: Record<
          string,
          Parameters<ContractSession['stripe']['createCustomer']>[0]
        > = {
          copy: { name: 'Ada Copy', email: 'ADA@example.com' },
          gone: { name: 'Gone Soon', email: 'gone@example.com' },
          grace: { name: 'Grace Hopper', email: 'grace@example.com' },
          jane: { name: 'Jane Doe', email: 'jane@example.com' },
          noName: { name: '  ', email: 'noname@example.com' },
          noEmail: { name: 'Carol Danvers', email: null },
          nul: { name: 'Nu\u0000l', email: 'nul@example.com' },
          ada: { name: 'Ada Lovelace', email: 'ada@example.com', metadata: { last_name: 'L' } },
        };
        // One at a time, Ada last: Stripe lists newest first, so Ada's email is hers before its copy's.
        for (const [name, values] of Object.entries(customers)) {
          const id = await session.stripe.createCustomer(values);
          ids[name] = id;
          names[id] = name;
        }
        await session.stripe.deleteCustomer(ids.gone as string);
      });

      it('checks the configuration and refuses a sync before its campaign exists', async () => {
        const bad = await session.request('POST', '/syncs', {
          body: { campaignId, config: { ...syncConfig(), inbound: [] } },
        });
        expectError(bad, 'invalid_sync_config');
        expect(bad.body.error.issues.map((i: { code: string }) => i.code)).toContain(
          'required_target_unmapped',
        );
        expectError(
          await session.request('POST', '/syncs', {
            body: { campaignId: 'camp_missing', config: syncConfig() },
          }),
          'not_found',
        );
      });

      it('reads the fields and samples of Stripe customers', async () => {
        const types = await session.request('GET', '/integrations/stripe/object-types');
        expectStatus(types, 200);
        expect(types.body.objectTypes.map((t: { id: string }) => t.id)).toContain('customer');
        const fields = await session.request(
          'GET',
          '/integrations/stripe/object-types/customer/fields',
        );
        expectStatus(fields, 200);
        const paths = fields.body.fields.map((f: { path: string }) => f.path);
        expect(paths).toEqual(expect.arrayContaining(['name', 'email', 'metadata.last_name']));
        const samples = await session.request(
          'GET',
          '/integrations/stripe/object-types/customer/samples?limit=2',
        );
        expectStatus(samples, 200);
        expect(samples.body.records).toHaveLength(2);
        expectError(
          await session.request('GET', '/integrations/stripe/object-types/invoice/fields'),
          'not_found',
        );
      });

      it('runs: one outcome per listed customer, each decided by the same rules', async () => {
        const created = await session.request('POST', '/syncs', {
          body: { campaignId, config: syncConfig() },
        });
        expectStatus(created, 201);
        syncId = created.body.sync.id;
        expect(created.body.sync).toMatchObject({
          campaignId,
          integrationId: 'stripe',
          config: syncConfig(),
          currentRun: { trigger: 'initial', mode: 'full' },
        });
        expect(['queued', 'running']).toContain(created.body.sync.currentRun.status);

        const sync = await settle(session, syncId);
        expect(sync.status).toBe('completed');
        expect(sync.lastRun).toMatchObject({
          status: 'completed',
          counts: {
            seen: 7,
            created: 2,
            updated: 0,
            unchanged: 1,
            skipped: 4,
            failed: 0,
            writtenBack: 3,
          },
        });
        const runId = sync.lastRun?.id as string;
        expect(byCustomer(await allOutcomes(session, syncId, runId), names)).toEqual({
          ada: { outcome: 'created', reasonCode: null, referrer: true, writtenBack: true },
          grace: { outcome: 'created', reasonCode: null, referrer: true, writtenBack: true },
          // Jane was added by hand: her referrer gets linked (unchanged), her last name stays.
          jane: { outcome: 'unchanged', reasonCode: null, referrer: true, writtenBack: true },
          noName: {
            outcome: 'skipped',
            reasonCode: 'no_first_name',
            referrer: false,
            writtenBack: false,
          },
          noEmail: {
            outcome: 'skipped',
            reasonCode: 'no_email',
            referrer: false,
            writtenBack: false,
          },
          nul: {
            outcome: 'skipped',
            reasonCode: 'nul_character',
            referrer: false,
            writtenBack: false,
          },
          copy: {
            outcome: 'skipped',
            reasonCode: 'duplicate_email',
            referrer: true,
            writtenBack: false,
            duplicateOf: 'ada',
          },
        });

        const referrers = await session.request(
          'GET',
          `/campaigns/${campaignId}/referrers?q=example.com&limit=100`,
        );
        const jane = referrers.body.referrers.find(
          (r: { email: string }) => r.email === 'Jane@Example.com',
        );
        expect(jane).toMatchObject({
          firstName: 'Jane',
          lastName: 'Doe',
          source: 'manual',
          externalId: ids.jane,
        });
        const ada = referrers.body.referrers.find(
          (r: { email: string }) => r.email === 'ada@example.com',
        );
        expect(ada).toMatchObject({
          firstName: 'Ada',
          lastName: 'L',
          externalId: ids.ada,
          source: 'sync',
        });
        expect((await session.stripe.getCustomer(ids.ada as string)).metadata).toEqual({
          last_name: 'L',
          referral_link: ada.referralLink,
        });
      });

      it('filters, searches, pages and downloads the outcomes', async () => {
        const sync = (await session.request('GET', `/syncs/${syncId}`)).body.sync as Sync;
        const base = `/syncs/${syncId}/runs/${sync.lastRun?.id}/outcomes`;
        const skipped = await session.request('GET', `${base}?outcome=skipped&limit=2`);
        expectStatus(skipped, 200);
        expect(skipped.body.outcomes).toHaveLength(2);
        const rest = await session.request(
          'GET',
          `${base}?outcome=skipped&limit=2&cursor=${encodeURIComponent(skipped.body.nextCursor)}`,
        );
        expect(rest.body.outcomes).toHaveLength(2);
        expect(rest.body.nextCursor).toBeNull();
        expect(
          [...skipped.body.outcomes, ...rest.body.outcomes].every(
            (o: SyncOutcome) => o.outcome === 'skipped',
          ),
        ).toBe(true);
        const search = await session.request('GET', `${base}?q=GRACE`);
        expect(search.body.outcomes.map((o: SyncOutcome) => names[o.externalId])).toEqual([
          'grace',
        ]);
        expectError(await session.request('GET', `${base}?outcome=lost`), 'invalid_request');
        expectError(
          await session.request('GET', `/syncs/${syncId}/runs/run_missing/outcomes`),
          'not_found',
        );

        const csv = await session.request('GET', `${base}.csv?outcome=skipped`);
        expectStatus(csv, 200);
        expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect(csv.headers.get('content-disposition')).toMatch(
          /^attachment; filename="referkit-run-[\w-]+-outcomes\.csv"$/,
        );
        expect(csv.headers.get('cache-control')).toBe('no-store');
        const lines = csv.text.trim().split(/\r?\n/);
        expect(lines[0]).toBe(SYNC_OUTCOMES_CSV_HEADERS.join(','));
        expect(lines).toHaveLength(5);
      });

      it('runs again after changes in Stripe: a changed email keeps its referrer, a blank last name is kept', async () => {
        await session.stripe.updateCustomer(ids.ada as string, {
          email: 'ada.new@example.com',
          metadata: { last_name: '' },
        });
        await session.stripe.updateCustomer(ids.grace as string, { name: 'Grace Brewster' });
        const started = await session.request('POST', `/syncs/${syncId}/runs`);
        expectStatus(started, 202);
        expect(started.body.run).toMatchObject({ trigger: 'manual', mode: 'full' });
        expectError(await session.request('POST', `/syncs/${syncId}/runs`), 'sync_running');
        const sync = await settle(session, syncId);
        const outcomes = await allOutcomes(session, syncId, sync.lastRun?.id as string);
        expect(byCustomer(outcomes, names)).toMatchObject({
          // Email is a referrer's identity: Ada keeps hers, and her last name stays.
          ada: { outcome: 'unchanged', reasonCode: 'email_changed', referrer: true },
          grace: { outcome: 'unchanged', reasonCode: null, referrer: true },
          jane: { outcome: 'unchanged', reasonCode: null },
          // Ada's old email is still hers.
          copy: { outcome: 'skipped', reasonCode: 'duplicate_email', duplicateOf: 'ada' },
        });
        const referrers = (
          await session.request('GET', `/campaigns/${campaignId}/referrers?q=ada&limit=100`)
        ).body.referrers;
        expect(
          referrers.map((r: { email: string; lastName: string | null; externalId: string }) => [
            r.email,
            r.lastName,
            names[r.externalId],
          ]),
        ).toEqual([['ada@example.com', 'L', 'ada']]);
        expect(sync.lastRun?.counts).toMatchObject({ seen: 7, created: 0, skipped: 4 });

        const runs = await session.request('GET', `/syncs/${syncId}/runs`);
        expectStatus(runs, 200);
        expect(runs.body.runs.map((r: { trigger: string }) => r.trigger)).toEqual([
          'manual',
          'initial',
        ]);
      });

      it('updates, pauses and deletes a sync with the codes of each refusal', async () => {
        const list = await session.request('GET', `/syncs?campaignId=${campaignId}`);
        expectStatus(list, 200);
        expect(list.body.syncs.map((s: Sync) => s.id)).toEqual([syncId]);
        expectError(
          await session.request('PATCH', `/syncs/${syncId}`, { body: { paused: true } }),
          'conflict',
        );
        expectError(
          await session.request('PATCH', `/syncs/${syncId}`, {
            body: { config: { ...syncConfig(), inbound: [] } },
          }),
          'invalid_sync_config',
        );
        // A refused update saves nothing: pausing a one-time sync keeps its configuration too.
        expectError(
          await session.request('PATCH', `/syncs/${syncId}`, {
            body: { config: { ...syncConfig(), nameVersion: 'v3' }, paused: true },
          }),
          'conflict',
        );
        const unchanged = await session.request('GET', `/syncs/${syncId}`);
        expect(unchanged.body.sync).toMatchObject({
          configVersion: 1,
          config: { nameVersion: 'v1' },
        });
        const ongoing = await session.request('PATCH', `/syncs/${syncId}`, {
          body: { config: { ...syncConfig(), syncType: 'ongoing' }, paused: true },
        });
        expectStatus(ongoing, 200);
        expect(ongoing.body.sync).toMatchObject({
          status: 'paused',
          nextRunAt: null,
          configVersion: 2,
        });
        const resumed = await session.request('PATCH', `/syncs/${syncId}`, {
          body: { paused: false },
        });
        expectStatus(resumed, 200);
        expect(resumed.body.sync.status).toBe('active');
        expect(resumed.body.sync.nextRunAt).toEqual(expect.any(String));
        // The next run follows the schedule as core reads it, on both targets.
        const schedule = { kind: 'cron', expression: '0 0 1 1 *' } as const;
        const yearly = await session.request('PATCH', `/syncs/${syncId}`, {
          body: { config: { ...syncConfig(), syncType: 'ongoing', schedule } },
        });
        expectStatus(yearly, 200);
        expect(yearly.body.sync.nextRunAt).toBe(nextScheduleRun(schedule)?.toISOString());

        // Cancelling with no run in progress changes nothing.
        const cancelled = await session.request('POST', `/syncs/${syncId}/cancel`);
        expectStatus(cancelled, 200);
        expect(cancelled.body.sync).toMatchObject({
          id: syncId,
          currentRun: null,
          lastRun: { status: 'completed', trigger: 'manual' },
        });
        expectError(await session.request('POST', '/syncs/sync_missing/cancel'), 'not_found');
        expectError(await session.request('GET', '/syncs/sync_missing/runs'), 'not_found');

        expectStatus(await session.request('DELETE', `/syncs/${syncId}`), 204);
        expectError(await session.request('GET', `/syncs/${syncId}`), 'not_found');
        expect((await session.request('GET', '/syncs')).body.syncs).toEqual([]);
      });

      it('deletes a sync with its links: the links come off Stripe, then the sync is gone', async () => {
        // This sync writes the code too: deleting it takes off what it wrote, and only that.
        const config = syncConfig();
        config.returns.referralCode = { kind: 'metadata', key: 'referral_code' };
        const created = await session.request('POST', '/syncs', { body: { campaignId, config } });
        expectStatus(created, 201);
        const id = created.body.sync.id as string;
        const settled = await settle(session, id);
        expect(settled.lastRun?.counts).toMatchObject({ seen: 7, writtenBack: 3 });
        const before = await session.stripe.getCustomer(ids.grace as string);
        expect(before.metadata).toEqual({
          referral_link: expect.stringMatching(/^https:\/\/refer\.example\.com\/spring/),
          referral_code: expect.any(String),
        });
        expectError(
          await session.request('DELETE', `/syncs/${id}?removeLinks=maybe`),
          'invalid_request',
        );
        expectStatus(await session.request('DELETE', `/syncs/${id}?removeLinks=true`), 204);
        const deadline = Date.now() + 45_000;
        for (;;) {
          const response = await session.request('GET', `/syncs/${id}`);
          if (response.status === 404) break;
          expectStatus(response, 200);
          expect(response.body.sync.status).toBe('deleting');
          if (Date.now() > deadline) throw new Error(`Sync ${id} not deleted: ${response.text}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        for (const name of ['grace', 'ada', 'jane']) {
          const after = await session.stripe.getCustomer(ids[name] as string);
          expect(after.metadata, name).toEqual({ referral_link: expect.any(String) });
        }
        expect((await session.stripe.getCustomer(ids.grace as string)).metadata).toEqual({
          referral_link: before.metadata.referral_link,
        });
      });

      it("follows Stripe's changes in an ongoing sync: only the customers changed since the last run", async () => {
        const config: SyncConfig = { ...syncConfig(), syncType: 'ongoing' };
        const created = await session.request('POST', '/syncs', { body: { campaignId, config } });
        expectStatus(created, 201);
        const id = created.body.sync.id as string;
        const first = await settle(session, id);
        expect(first).toMatchObject({
          status: 'active',
          lastRun: { mode: 'full', status: 'completed' },
        });
        expect(first.nextRunAt).toEqual(expect.any(String));

        await session.stripe.updateCustomer(ids.grace as string, { name: 'Gracie Hopper' });
        const newt = await session.stripe.createCustomer({
          name: 'Newt',
          email: 'newt@example.com',
        });
        names[newt] = 'newt';
        await session.stripe.deleteCustomer(ids.jane as string);
        const started = await session.request('POST', `/syncs/${id}/runs`);
        expectStatus(started, 202);
        expect(started.body.run).toMatchObject({ trigger: 'manual', mode: 'incremental' });
        const second = await settle(session, id);
        expect(
          byCustomer(await allOutcomes(session, id, second.lastRun?.id as string), names),
        ).toEqual({
          grace: { outcome: 'updated', reasonCode: null, referrer: true, writtenBack: false },
          newt: { outcome: 'created', reasonCode: null, referrer: true, writtenBack: true },
          // A deleted customer keeps its referrer.
          jane: { outcome: 'skipped', reasonCode: 'deleted', referrer: true, writtenBack: false },
        });
        const jane = (await session.request('GET', `/campaigns/${campaignId}/referrers?q=jane`))
          .body.referrers;
        expect(jane.map((r: { email: string }) => r.email)).toEqual(['Jane@Example.com']);

        // A new mapping reads every customer again.
        const edited = await session.request('PATCH', `/syncs/${id}`, {
          body: { config: { ...config, nameVersion: 'original' } },
        });
        expectStatus(edited, 200);
        expectStatus(await session.request('POST', `/syncs/${id}/runs`), 202);
        const third = await settle(session, id);
        expect(third.lastRun).toMatchObject({ mode: 'full', counts: { seen: 7 } });
        expectStatus(await session.request('DELETE', `/syncs/${id}`), 204);
      });

      it('disconnects Stripe: its routes then ask to connect', async () => {
        expectStatus(await session.request('DELETE', '/integrations/stripe'), 204);
        const list = await session.request('GET', '/integrations');
        expect(list.body.integrations[0]).toMatchObject({ id: 'stripe', status: 'not_connected' });
        expectError(
          await session.request('GET', '/integrations/stripe/object-types/customer/samples'),
          'integration_not_connected',
        );
        expectError(
          await session.request('POST', '/syncs', { body: { campaignId, config: syncConfig() } }),
          'integration_not_connected',
        );
      });
    });
  });
});

describe('both targets', () => {
  it('answered every refusal with the same code, message and fields', () => {
    const [mock, server] = targets.map((t) => errorsByTarget.get(t.name) ?? []);
    expect(mock?.length).toBeGreaterThan(20);
    expect(mock).toEqual(server);
  });
});
