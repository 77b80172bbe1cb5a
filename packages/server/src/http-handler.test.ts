import { API_ROUTES } from '@referkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferkitServer } from './create-referkit-server';
import {
  createHarness,
  type Harness,
  readJson,
  TEST_ENCRYPTION_KEY,
  testAuthenticate,
} from './test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
});
afterAll(() => h?.close());

describe('the handler answers every bad request with a specific 4xx in the error shape', () => {
  it('404 for an unknown path', async () => {
    const result = await h.api('GET', '/nope');
    expect(result.status).toBe(404);
    expect(result.body).toEqual({
      error: { code: 'not_found', message: expect.stringContaining('/nope') },
    });
  });

  it('405 with Allow for a known path and wrong method', async () => {
    const result = await h.api('PATCH', '/campaigns');
    expect(result.status).toBe(405);
    expect(result.body.error.code).toBe('method_not_allowed');
    expect(result.headers.get('allow')).toBe('GET, POST');
  });

  it('401 when the host does not recognise the caller', async () => {
    const result = await h.api('GET', '/campaigns', { account: null });
    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe('unauthorized');
  });

  it('415 for a JSON route sent another content type', async () => {
    const result = await h.api('POST', '/campaigns', {
      rawBody: 'name=Spring',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(result.status).toBe(415);
    expect(result.body.error.code).toBe('unsupported_media_type');
  });

  it('400 for a body that is not JSON', async () => {
    const result = await h.api('POST', '/campaigns', {
      rawBody: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({
      code: 'invalid_request',
      message: 'The body is not valid JSON.',
    });
  });

  it('400 invalid_request naming each field for a body that fails its schema', async () => {
    const result = await h.api('POST', '/campaigns', {
      body: { name: '   ', linkBaseUrl: 'not a url' },
    });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('invalid_request');
    expect(result.body.error.fields).toEqual({
      name: 'Give the campaign a name.',
      linkBaseUrl: expect.any(String),
    });
  });

  it('400 invalid_request for a bad query parameter', async () => {
    const campaignId = await h.campaign();
    const result = await h.api('GET', `/campaigns/${campaignId}/referrers?limit=0`);
    expect(result.status).toBe(400);
    expect(Object.keys(result.body.error.fields)).toEqual(['limit']);
  });

  it('413 for a body over the limit', async () => {
    const result = await h.api('POST', '/campaigns', {
      body: { name: 'x'.repeat(1024 * 1024 + 10) },
    });
    expect(result.status).toBe(413);
    expect(result.body.error.code).toBe('payload_too_large');
  });
});

describe('OpenAPI', () => {
  it('serves a document with every route of the contract', async () => {
    const result = await h.api('GET', '/openapi.json', { account: null });
    expect(result.status).toBe(200);
    expect(result.body.openapi).toBe('3.0.3');
    const operations = Object.values(
      result.body.paths as Record<string, Record<string, { operationId: string }>>,
    )
      .flatMap((methods) => Object.values(methods).map((operation) => operation.operationId))
      .sort();
    expect(operations).toEqual(Object.keys(API_ROUTES).sort());
    const createSync = result.body.paths['/syncs'].post;
    expect(createSync.requestBody.content['application/json'].schema.required).toContain(
      'campaignId',
    );
    expect(
      result.body.paths['/campaigns/{campaignId}/referrers'].get.parameters.map(
        (p: { name: string }) => p.name,
      ),
    ).toEqual(['campaignId', 'q', 'cursor', 'limit']);
  });
});

describe('unexpected failures', () => {
  it('answer 500 internal_error with nothing secret, and log it redacted', async () => {
    const logged: string[] = [];
    const server = createReferkitServer({
      database: { url: h.databaseUrl },
      encryptionKey: TEST_ENCRYPTION_KEY,
      linkBaseUrl: 'https://ref.example.com',
      authenticate: () => {
        throw new Error('session store down; key sk_test_51SecretValue123');
      },
      logger: {
        info() {},
        warn() {},
        error: (message, details) => logged.push(message + JSON.stringify(details)),
      },
    });
    const response = await server.handler(new Request('http://referkit.test/campaigns'));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text).error.code).toBe('internal_error');
    expect(text).not.toContain('sk_test');
    expect(text).not.toContain('session store');
    expect(logged.join('\n')).toContain('session store down');
    expect(logged.join('\n')).not.toContain('51SecretValue123');
    await server.close();
  });
});

describe('basePath', () => {
  it('serves routes under the prefix only', async () => {
    const server = createReferkitServer({
      database: { url: h.databaseUrl },
      encryptionKey: TEST_ENCRYPTION_KEY,
      linkBaseUrl: 'https://ref.example.com',
      authenticate: testAuthenticate,
      basePath: '/api/referkit/',
    });
    const headers = { 'x-test-account': 'acct-a' };
    const inside = await server.handler(
      new Request('http://x.test/api/referkit/campaigns', { headers }),
    );
    expect(inside.status).toBe(200);
    const outside = await server.handler(new Request('http://x.test/campaigns', { headers }));
    expect(outside.status).toBe(404);
    const apiKey = await server.handler(
      new Request('http://x.test/api/referkit/api-key', { headers }),
    );
    expect((await readJson(apiKey)).endpoint).toBe(
      'http://x.test/api/referkit/campaigns/{campaignId}/referrers',
    );
    await server.close();
  });
});
