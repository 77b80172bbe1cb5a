import { createDefaultSyncConfig } from '@referkit/core';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createMockReferkitApi } from './create-mock-referkit-api';
import { createReferkitClient } from './create-referkit-client';
import { MOCK_STRIPE_KEY } from './mock-api-seed';
import type { ReferkitApiError } from './referkit-api-error';
import { installMockApi, TEST_BASE_URL } from './test-utils';

function failure(promise: Promise<unknown>): Promise<ReferkitApiError> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: ReferkitApiError) => error,
  );
}

describe('createMockReferkitApi', () => {
  it('lists Stripe first and the other categories as "Coming soon"', async () => {
    const { client } = installMockApi();
    const { integrations } = await client.listIntegrations();
    expect(integrations.map((i) => [i.id, i.category, i.available, i.status])).toEqual([
      ['stripe', 'payment', true, 'not_connected'],
      ['paypal', 'payment', false, 'not_connected'],
      ['hubspot', 'crm', false, 'not_connected'],
      ['salesforce', 'crm', false, 'not_connected'],
      ['pipedrive', 'crm', false, 'not_connected'],
      ['mailchimp', 'email_marketing', false, 'not_connected'],
      ['klaviyo', 'email_marketing', false, 'not_connected'],
    ]);
    expect((await failure(client.listObjectTypes())).code).toBe('integration_not_connected');
  });

  it('connects Stripe only with the configured key and answers the real error codes otherwise', async () => {
    const { client } = installMockApi({ stripe: { limitedKey: 'rk_test_NoCustomerWrite1' } });
    const attempts: [string, 'test' | 'live'][] = [
      ['   ', 'test'],
      ['pk_test_123456789abc', 'test'],
      ['sk_live_51SomethingElse00', 'test'],
      ['rk_test_NoCustomerWrite1', 'test'],
      ['sk_test_51SomeoneElsesKey00', 'test'],
    ];
    const codes = [];
    for (const [secretKey, mode] of attempts) {
      const error = await failure(client.connectStripe({ secretKey, mode }));
      codes.push([error.status, error.code, Object.keys(error.fields ?? {})]);
    }
    expect(codes).toEqual([
      [400, 'invalid_request', ['secretKey']],
      [400, 'stripe_key_invalid_format', ['secretKey']],
      [422, 'stripe_key_mode_mismatch', ['secretKey']],
      [422, 'stripe_key_missing_permissions', ['secretKey']],
      [422, 'stripe_key_rejected', ['secretKey']],
    ]);

    const { integration } = await client.connectStripe({
      mode: 'test',
      secretKey: ` ${MOCK_STRIPE_KEY} `,
    });
    expect(integration).toMatchObject({
      status: 'connected',
      connection: { mode: 'test', method: 'key', accountName: 'Acme Inc' },
    });
    expect((await client.listObjectTypes()).objectTypes.map((t) => t.id)).toEqual(['customer']);
    const { fields } = await client.listFields('customer');
    expect(fields.filter((f) => f.kind === 'metadata').map((f) => f.path)).toEqual([
      'metadata.plan',
      'metadata.referral_link',
    ]);
    await client.disconnectStripe();
    expect((await client.listIntegrations()).integrations[0]?.status).toBe('not_connected');
  });

  it('runs the OAuth round trip when offered, and refuses it otherwise', async () => {
    const off = installMockApi();
    expect((await failure(off.client.startStripeOAuth({ mode: 'test' }))).code).toBe(
      'stripe_oauth_not_configured',
    );

    const { client } = installMockApi({ stripe: { oauth: true } });
    const { url } = await client.startStripeOAuth({
      mode: 'live',
      returnUrl: 'http://localhost/settings',
    });
    const callback = await fetch(url, { redirect: 'manual' });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe(
      'http://localhost/settings?referkit_stripe=connected',
    );
    const stripe = (await client.listIntegrations()).integrations[0];
    expect(stripe?.connection).toMatchObject({ mode: 'live', method: 'oauth' });
  });

  it('imports CSV rows as created, duplicate or invalid, with line numbers', async () => {
    const { client } = installMockApi();
    const csv = [
      'Email;First Name;Company',
      'new@example.com;  New   Person ;Acme',
      '',
      'jane@example.com;Jane;',
      '"multi@example.com";"Multi',
      'Line";',
      'NEW@example.com;Again;',
      'broken-email;Broken;',
      'nofirst@example.com;;',
    ].join('\r\n');
    const result = await client.importReferrers('camp_spring', csv, {
      columns: ['email', 'firstName', 'company'],
      ignoreFirstRow: true,
    });
    expect(result).toMatchObject({ created: 2, duplicates: 2, invalid: 2 });
    expect(result.rows.map((r) => [r.row, r.status, r.field])).toEqual([
      [2, 'created', null],
      [4, 'duplicate', 'email'],
      [5, 'created', null],
      [7, 'duplicate', 'email'],
      [8, 'invalid', 'email'],
      [9, 'invalid', 'firstName'],
    ]);
    expect(result.rows[3]?.message).toBe('The same email appears earlier in the file (line 2).');
    const { referrers } = await client.listReferrers('camp_spring', { q: 'new@' });
    expect(referrers[0]).toMatchObject({
      firstName: 'New Person',
      company: 'Acme',
      source: 'upload',
    });

    const unmapped = await failure(
      client.importReferrers('camp_spring', 'a,b', { columns: ['firstName', 'skip'] }),
    );
    expect([unmapped.code, unmapped.fields]).toEqual([
      'invalid_request',
      { columns: 'Map a column to Email: it is required.' },
    ]);
    const broken = await failure(
      client.importReferrers('camp_spring', 'Ann,"ann@example.com\nBo,bo@example.com', {
        columns: ['firstName', 'email'],
      }),
    );
    expect([broken.status, broken.code]).toEqual([400, 'csv_invalid']);
  });

  it('reads every CSV dialect as the server does, with the server’s limits and messages', async () => {
    const { client } = installMockApi({
      maxCsvRows: 3,
      maxCsvBytes: 8192,
      maxCsvRecordBytes: 1024,
    });
    const latin1 = Uint8Array.from(
      [...'Name;Email\r\nJosé;jose@latin.test\r\n'].map((c) => c.charCodeAt(0)),
    );
    const files: [BlobPart, string][] = [
      [latin1, 'jose@latin.test'],
      ['Name\tEmail\nJosé\tjose@tab.test\n', 'jose@tab.test'],
      ['\uFEFFName,Email\n"José\nJr",jose@bom.test\n', 'jose@bom.test'],
    ];
    for (const [file, email] of files) {
      const result = await client.importReferrers('camp_spring', new Blob([file]), {
        columns: ['firstName', 'email'],
        ignoreFirstRow: true,
      });
      expect(result).toMatchObject({ created: 1, invalid: 0 });
      const { referrers } = await client.listReferrers('camp_spring', { q: email });
      expect(referrers[0]?.firstName).toBe(email === 'jose@bom.test' ? 'José Jr' : 'José');
    }

    const columns = { columns: ['firstName', 'email'] as ('firstName' | 'email')[] };
    const errorOf = async (csv: BlobPart, ignoreFirstRow = false) => {
      const error = await failure(
        client.importReferrers('camp_spring', new Blob([csv]), { ...columns, ignoreFirstRow }),
      );
      return { status: error.status, code: error.code, message: error.message };
    };
    expect(await errorOf('')).toEqual({
      status: 400,
      code: 'csv_invalid',
      message: 'The file is empty: it has no rows to import.',
    });
    expect(await errorOf('Name,Email\n', true)).toEqual({
      status: 400,
      code: 'csv_invalid',
      message: 'The file has a header row but no rows under it: nothing to import.',
    });
    expect(await errorOf('a,a@x.test\nb,b@x.test\nc,c@x.test\nd,d@x.test\n')).toEqual({
      status: 413,
      code: 'payload_too_large',
      message:
        'The file has more than 3 rows. Split it into files of at most 3 rows and import each.',
    });
    expect(await errorOf(`${'x'.repeat(9000)},a@x.test\n`)).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'The file is larger than 8 KB. Split it into smaller files and import each.',
    });
    expect(await errorOf(`${'x'.repeat(2000)},a@x.test\n`)).toEqual({
      status: 413,
      code: 'payload_too_large',
      message:
        'Line 1 of the file is longer than 1 KB, the most one row may hold. Check that its quotes are closed, or shorten it.',
    });
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    expect(await errorOf(xlsx)).toMatchObject({ status: 400, code: 'csv_invalid' });
    const json = await fetch(
      `${TEST_BASE_URL}/campaigns/camp_spring/referrers/import?columns=firstName,email`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      },
    );
    expect(json.status).toBe(415);
    expect(await json.json()).toEqual({
      error: {
        code: 'unsupported_media_type',
        message:
          'Upload the file as text/csv (the raw CSV file as the request body), not application/json.',
      },
    });
  });

  it('validates a sync with core and advances its run on each poll', async () => {
    const { client } = installMockApi({ stripe: { status: 'connected' }, pollsPerRun: 2 });
    const config = createDefaultSyncConfig();
    const bad = await failure(
      client.createSync({
        campaignId: 'camp_spring',
        config: { ...config, syncType: 'weekly' } as never,
      }),
    );
    expect([bad.code, bad.issues?.[0]?.code, bad.issues?.[0]?.step]).toEqual([
      'invalid_sync_config',
      'invalid_shape',
      'confirm',
    ]);

    const { sync } = await client.createSync({ campaignId: 'camp_spring', config });
    expect(sync.currentRun).toMatchObject({ status: 'queued', trigger: 'initial', mode: 'full' });
    expect((await failure(client.runSync(sync.id))).code).toBe('sync_running');
    expect((await client.getSync(sync.id)).sync.currentRun?.counts.seen).toBe(8);
    const done = (await client.getSync(sync.id)).sync;
    expect(done.currentRun).toBeNull();
    expect(done.lastRun?.counts).toEqual({
      // Stripe's list leaves the deleted customer out: 16 of the 17 records.
      seen: 16,
      created: 12,
      updated: 0,
      unchanged: 0,
      skipped: 3,
      failed: 1,
      writtenBack: 12,
    });
    const failed = await client.listSyncOutcomes(sync.id, done.lastRun?.id ?? '', {
      outcome: 'failed',
    });
    expect(failed.outcomes.map((o) => [o.externalId, o.reasonCode])).toEqual([
      ['cus_MockFelix', 'stripe_error'],
    ]);
    // The write-back reached the mock's Stripe records: the samples carry the link now.
    const { records } = await client.listSamples('customer', { limit: 1 });
    expect(records[0]?.metadata?.referral_link).toMatch(
      /^https:\/\/refer\.example\.com\/spring\/rk/,
    );

    const again = await client.runSync(sync.id);
    expect(again.run).toMatchObject({ status: 'queued', trigger: 'manual' });
    await client.getSync(sync.id);
    const second = (await client.getSync(sync.id)).sync.lastRun;
    expect(second?.counts).toMatchObject({ created: 0, unchanged: 12, writtenBack: 0 });
    expect((await client.listSyncRuns(sync.id)).runs).toHaveLength(2);

    const pause = await failure(client.updateSync(sync.id, { paused: true }));
    expect([pause.code, pause.fields]).toEqual([
      'conflict',
      { paused: 'Only an ongoing sync can be paused.' },
    ]);
    const ongoing = await client.updateSync(sync.id, {
      config: { ...config, syncType: 'ongoing' },
      paused: true,
    });
    expect(ongoing.sync).toMatchObject({ status: 'paused', nextRunAt: null });
    await client.deleteSync(sync.id);
    expect((await client.listSyncs()).syncs).toEqual([]);
  });

  it('cancels a run in progress', async () => {
    const { client } = installMockApi({
      stripe: { status: 'connected' },
      syncs: [{ id: 'sync_a', run: 'running' }],
      pollsPerRun: Number.POSITIVE_INFINITY,
    });
    expect((await client.getSync('sync_a')).sync.currentRun?.counts.seen).toBe(8);
    expect((await client.getSync('sync_a')).sync.currentRun?.counts.seen).toBe(8);
    const { sync } = await client.cancelSync('sync_a');
    expect(sync.currentRun).toBeNull();
    expect(sync.lastRun?.status).toBe('cancelled');
  });

  it('forces failures, answers unknown routes like the server, and serves an absolute base URL', async () => {
    const { client } = installMockApi({ failing: { listCampaigns: 'internal_error' } });
    const forced = await failure(client.listCampaigns());
    expect([forced.status, forced.code, forced.message]).toEqual([
      500,
      'internal_error',
      'Something went wrong on our side. Try again in a moment.',
    ]);
    const unknown = await fetch(`${TEST_BASE_URL}/nope`);
    expect([unknown.status, (await unknown.json()).error.code]).toEqual([404, 'not_found']);
    const wrongMethod = await fetch(`${TEST_BASE_URL}/campaigns`, { method: 'PUT' });
    expect([wrongMethod.status, (await wrongMethod.json()).error.code]).toEqual([
      405,
      'method_not_allowed',
    ]);

    const server = setupServer(
      ...createMockReferkitApi({ baseUrl: 'https://api.example.com/referkit/', campaigns: [] }),
    );
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const remote = createReferkitClient({ baseUrl: 'https://api.example.com/referkit' });
      const { campaign } = await remote.createCampaign({ name: ' Summer ' });
      expect(campaign).toMatchObject({
        id: 'camp_1',
        name: 'Summer',
        linkBaseUrl: 'https://refer.example.com/camp_1',
        referrerCount: 0,
      });
      const { endpoint } = await remote.getApiKey();
      expect(endpoint).toBe('https://api.example.com/referkit/campaigns/{campaignId}/referrers');
    } finally {
      server.close();
    }
  });
});
