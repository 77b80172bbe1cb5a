import { API_ROUTES, createDefaultSyncConfig } from '@referkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferkitServer } from '../create-referkit-server';
import {
  createHarness,
  type Harness,
  readJson,
  TEST_ENCRYPTION_KEY,
  testAuthenticate,
} from '../test-support/harness';

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

describe('bad input that used to reach the database', () => {
  it('400 for a NUL character in a body, a key, a path id or a query', async () => {
    const campaignId = await h.campaign('acct-nul');
    const before = await h.pool.query('SELECT count(*)::int AS n FROM referkit.campaigns');
    const cases = [
      h.api('POST', '/campaigns', { account: 'acct-nul', body: { name: 'Spring\u0000' } }),
      h.api('POST', `/campaigns/${campaignId}/referrers`, {
        account: 'acct-nul',
        body: { email: 'a@example.com', firstName: 'A\u0000n' },
      }),
      h.api('POST', `/campaigns/${campaignId}/referrers`, {
        account: 'acct-nul',
        body: { email: 'b@example.com', firstName: 'B', metadata: { 'k\u0000': 'v' } },
      }),
      h.api('GET', `/campaigns/${campaignId}%00`, { account: 'acct-nul' }),
      h.api('GET', `/campaigns/${campaignId}/referrers?q=a%00b`, { account: 'acct-nul' }),
    ];
    for (const result of await Promise.all(cases)) {
      expect(result.status, result.text).toBe(400);
      expect(result.body.error).toMatchObject({
        code: 'invalid_request',
        message: expect.stringContaining('NUL character'),
      });
    }
    const after = await h.pool.query('SELECT count(*)::int AS n FROM referkit.campaigns');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const referrers = await h.pool.query(
      'SELECT count(*)::int AS n FROM referkit.referrers WHERE campaign_id = $1',
      [campaignId],
    );
    expect(referrers.rows[0].n).toBe(0);
  });

  it('400 for a page cursor the API never handed out', async () => {
    const campaignId = await h.campaign('acct-cursor');
    const ok = await h.api('GET', `/campaigns/${campaignId}/referrers?cursor=1a`, {
      account: 'acct-cursor',
    });
    expect(ok.status).toBe(200);
    for (const cursor of ['zzzzzzzzzzzzzzzzzzzzzzzz', '99999999999999999999', '-1', '1.5']) {
      const result = await h.api('GET', `/campaigns/${campaignId}/referrers?cursor=${cursor}`, {
        account: 'acct-cursor',
      });
      expect(result.status, cursor).toBe(400);
      expect(result.body.error.fields).toHaveProperty('cursor');
    }
    const outcomes = await h.api(
      'GET',
      '/syncs/syn_nope/runs/run_nope/outcomes?cursor=99999999999999999999',
      { account: 'acct-cursor' },
    );
    expect(outcomes.status).toBe(400);
  });

  it('answers ten concurrent API-key rotations each with its own key, one left active', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => h.api('POST', '/api-key', { account: 'acct-rotate' })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.secret)).size).toBe(10);
    const active = await h.pool.query(
      "SELECT count(*)::int AS n FROM referkit.api_keys WHERE account_id = 'acct-rotate' AND revoked_at IS NULL",
    );
    expect(active.rows[0].n).toBe(1);
  });

  it('takes only http(s) campaign link bases of a bounded length', async () => {
    for (const linkBaseUrl of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'file:///etc/passwd',
      `https://ref.example.com/${'a'.repeat(100_000)}`,
    ]) {
      const result = await h.api('POST', '/campaigns', {
        account: 'acct-links',
        body: { name: 'Links', linkBaseUrl },
      });
      expect(result.status, linkBaseUrl.slice(0, 30)).toBe(400);
      expect(result.body.error.fields).toHaveProperty('linkBaseUrl');
    }
    const ok = await h.api('POST', '/campaigns', {
      account: 'acct-links',
      body: { name: 'Links', linkBaseUrl: 'https://ref.example.com/spring' },
    });
    expect(ok.status).toBe(201);
    const { rows } = await h.pool.query(
      "SELECT count(*)::int AS n FROM referkit.campaigns WHERE account_id = 'acct-links'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses a cron expression longer than any real one', async () => {
    const campaignId = await h.campaign('acct-cron');
    await h.connect('acct-cron');
    const result = await h.api('POST', '/syncs', {
      account: 'acct-cron',
      body: {
        campaignId,
        config: {
          ...createDefaultSyncConfig(),
          syncType: 'ongoing',
          schedule: { kind: 'cron', expression: `0 ${'0,'.repeat(100_000)}0 * * *` },
        },
      },
    });
    expect(result.status).toBe(400);
    expect(result.text.length).toBeLessThan(2000);
  });
});

describe('state-changing requests from other sites', () => {
  it('refuses a cross-site form post or upload, and takes same-origin, trusted and non-browser ones', async () => {
    const post = (headers: Record<string, string>, account = 'acct-origin') =>
      h.api('POST', '/api-key', { account, headers });
    const refused = [
      await post({ origin: 'https://evil.example' }),
      await post({ origin: 'null' }),
      await post({ 'sec-fetch-site': 'cross-site' }),
      await post({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }),
    ];
    for (const result of refused) {
      expect(result.status).toBe(403);
      expect(result.body.error.code).toBe('forbidden');
    }
    const campaignId = await h.campaign('acct-origin');
    const upload = await h.api('POST', `/campaigns/${campaignId}/referrers/import?columns=email`, {
      account: 'acct-origin',
      rawBody: 'email\nx@example.com\n',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
    });
    expect(upload.status).toBe(403);
    const keys = await h.pool.query(
      "SELECT count(*)::int AS n FROM referkit.api_keys WHERE account_id = 'acct-origin'",
    );
    expect(keys.rows[0].n).toBe(0);
    const referrers = await h.pool.query(
      'SELECT count(*)::int AS n FROM referkit.referrers WHERE campaign_id = $1',
      [campaignId],
    );
    expect(referrers.rows[0].n).toBe(0);

    expect(
      (await post({ origin: 'http://referkit.test', 'sec-fetch-site': 'same-origin' })).status,
    ).toBe(201);
    expect((await post({})).status).toBe(201);
    // Reading is never refused.
    const read = await h.api('GET', '/api-key', {
      account: 'acct-origin',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(read.status).toBe(200);
  });

  it('takes the origins the host trusts', async () => {
    const server = createReferkitServer({
      database: { url: h.databaseUrl },
      encryptionKey: TEST_ENCRYPTION_KEY,
      linkBaseUrl: 'https://ref.example.com',
      authenticate: testAuthenticate,
      trustedOrigins: ['https://app.example.com'],
    });
    try {
      const send = (origin: string) =>
        server.handler(
          new Request('http://api.example.com/api-key', {
            method: 'POST',
            headers: { 'x-test-account': 'acct-trusted', origin, 'sec-fetch-site': 'same-site' },
          }),
        );
      expect((await send('https://app.example.com')).status).toBe(201);
      expect((await send('https://other.example.com')).status).toBe(403);
    } finally {
      await server.close();
    }
    expect(() =>
      createReferkitServer({
        database: { url: h.databaseUrl },
        encryptionKey: TEST_ENCRYPTION_KEY,
        linkBaseUrl: 'https://ref.example.com',
        authenticate: testAuthenticate,
        trustedOrigins: ['javascript:alert(1)'],
      }),
    ).toThrow('trustedOrigins');
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
