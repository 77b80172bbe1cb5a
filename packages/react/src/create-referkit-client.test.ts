import { createDefaultSyncConfig } from '@referkit/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createReferkitClient } from './create-referkit-client';
import { ReferkitApiError } from './referkit-api-error';
import { server } from './test-setup';
import { installMockApi, TEST_BASE_URL } from './test-utils';

async function caught(promise: Promise<unknown>): Promise<ReferkitApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ReferkitApiError))
    throw new Error(`expected a ReferkitApiError, got ${error}`);
  return error;
}

describe('createReferkitClient', () => {
  it('parses a success body with the route schema', async () => {
    const { client } = installMockApi();
    const { campaigns } = await client.listCampaigns();
    expect(campaigns).toEqual([
      expect.objectContaining({
        id: 'camp_spring',
        name: 'Spring Referral Program',
        referrerCount: 2,
      }),
    ]);
  });

  it('maps a 409 duplicate_email to a ReferkitApiError with fields', async () => {
    const { client } = installMockApi();
    const error = await caught(
      client.createReferrer('camp_spring', { firstName: 'Janet', email: ' JANE@example.com ' }),
    );
    expect(error.status).toBe(409);
    expect(error.code).toBe('duplicate_email');
    expect(error.route).toBe('createReferrer');
    expect(error.fields).toEqual({
      email: 'JANE@example.com is already a referrer in this campaign.',
    });
    expect(error.message).toBe('JANE@example.com is already a referrer in this campaign.');
  });

  it('maps a 400 invalid_sync_config to a ReferkitApiError with the issues', async () => {
    const { client } = installMockApi({ stripe: { status: 'connected' } });
    const config = createDefaultSyncConfig();
    const error = await caught(
      client.createSync({
        campaignId: 'camp_spring',
        config: {
          ...config,
          inbound: config.inbound.filter((entry) => entry.target !== 'email'),
          returns: { ...config.returns, referralLink: { kind: 'metadata', key: 'bad[key]' } },
        },
      }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_sync_config');
    expect(error.issues?.map((issue) => [issue.step, issue.code])).toEqual([
      ['map_fields', 'required_target_unmapped'],
      ['map_return_fields', 'metadata_key_invalid_chars'],
    ]);
    expect(error.message).toMatch(
      /^The sync configuration is not valid: Map a Stripe field to Email.+ .+/,
    );
  });

  it('turns a network failure into status 0 network_error with a readable message', async () => {
    server.use(http.get(`${TEST_BASE_URL}/integrations`, () => HttpResponse.error()));
    const client = createReferkitClient({ baseUrl: `${TEST_BASE_URL}/` });
    const error = await caught(client.listIntegrations());
    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
    expect(error.message).toBe(
      `Could not reach the server (GET ${TEST_BASE_URL}/integrations). Check your connection and try again.`,
    );
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('reports an answer outside the contract as invalid_response', async () => {
    server.use(
      http.get(`${TEST_BASE_URL}/campaigns`, () =>
        HttpResponse.text('<h1>Bad Gateway</h1>', { status: 502, statusText: 'Bad Gateway' }),
      ),
      http.get(`${TEST_BASE_URL}/api-key`, () => HttpResponse.json({ apiKey: 'nope' })),
    );
    const client = createReferkitClient({ baseUrl: TEST_BASE_URL });
    const gateway = await caught(client.listCampaigns());
    expect([gateway.status, gateway.code]).toEqual([502, 'invalid_response']);
    expect(gateway.message).toMatch(/^The server answered 502 Bad Gateway/);
    const shape = await caught(client.getApiKey());
    expect([shape.status, shape.code]).toEqual([200, 'invalid_response']);
  });

  it('sends the configured headers and a custom fetch, and resolves 204 routes with undefined', async () => {
    const { client } = installMockApi();
    const { secret } = await client.createApiKey();
    const calls: string[] = [];
    const apiClient = createReferkitClient({
      baseUrl: TEST_BASE_URL,
      headers: async () => ({ Authorization: `Bearer ${secret}` }),
      fetch: (input, init) => {
        calls.push(`${init?.method} ${String(input)}`);
        return fetch(input, init);
      },
    });
    const { referrer } = await apiClient.createReferrer('camp_spring', {
      firstName: '  Ada ',
      email: 'ada@example.com',
    });
    expect(referrer).toMatchObject({ firstName: 'Ada', source: 'api' });
    expect(calls).toEqual([`POST ${TEST_BASE_URL}/campaigns/camp_spring/referrers`]);
    expect(await client.deleteReferrer('camp_spring', referrer.id)).toBeUndefined();

    const wrongKey = createReferkitClient({
      baseUrl: TEST_BASE_URL,
      headers: { Authorization: 'Bearer refk_wrong' },
    });
    const error = await caught(
      wrongKey.createReferrer('camp_spring', { firstName: 'X', email: 'x@example.com' }),
    );
    expect([error.status, error.code]).toEqual([401, 'unauthorized']);
  });

  it('encodes path parameters and query strings', async () => {
    installMockApi();
    const urls: string[] = [];
    const client = createReferkitClient({
      baseUrl: TEST_BASE_URL,
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch(input, init);
      },
    });
    const missing = await caught(client.getCampaign('no such/campaign'));
    expect([missing.status, missing.code, missing.message]).toEqual([
      404,
      'not_found',
      'Campaign was not found.',
    ]);
    expect(urls).toEqual([`${TEST_BASE_URL}/campaigns/no%20such%2Fcampaign`]);
    const { referrers, total } = await client.listReferrers('camp_spring', { q: 'SAM', limit: 1 });
    expect(total).toBe(1);
    expect(referrers.map((r) => r.email)).toEqual(['sam@example.com']);
  });

  it('imports a CSV given as a Blob with its column mapping', async () => {
    const { client } = installMockApi();
    const csv = new Blob(['Email,Name\nnew@example.com,New Person\n'], { type: 'text/csv' });
    const result = await client.importReferrers('camp_spring', csv, {
      columns: ['email', 'firstName'],
      ignoreFirstRow: true,
    });
    expect(result).toMatchObject({ created: 1, duplicates: 0, invalid: 0 });
    expect(result.rows).toEqual([
      expect.objectContaining({ row: 2, status: 'created', field: null, message: null }),
    ]);
  });
});
