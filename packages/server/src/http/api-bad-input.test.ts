import { API_ERROR_STATUS, apiErrorSchema, createDefaultSyncConfig } from '@referkit/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test-support/harness';
import { buildOpenApiDocument } from './openapi';

/**
 * Generated bad input against every operation of the OpenAPI document (built
 * from core's zod contract): bodies near their schema and far from it,
 * queries, path ids and headers. No answer may be a 5xx; every 4xx has the
 * error shape and its code's status; a refused request writes nothing.
 */

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  nullable?: boolean;
};

interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: 'query' | 'path'; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

const RUNS_PER_OPERATION = 14;

/** Strings that have broken servers before: NUL, huge, odd encodings, script URLs. */
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    'x'.repeat(5000),
    'javascript:alert(1)',
    'data:text/html,hi',
    'https://ref.example.com/x',
    '99999999999999999999',
    'zzzzzzzzzzzzzzzzzzzzzzzz',
    '-1',
    '1e309',
    '0 * * * *',
    '../../etc/passwd',
    '\uFFFD\uD800',
    'ü@exämple.com',
    'a@example.com',
    'customer',
    'metadata.referral_link',
  ),
);

const junkJson = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  nastyString,
  fc.constantFrom(null, 0, -1, 1.5, 1e308, true, [], {}),
);

/** Values near a schema (right and wrong types, missing and extra keys), from its JSON Schema. */
function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return junkJson;
  const near = (() => {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const alternatives = schema.anyOf ?? schema.oneOf ?? schema.allOf;
    if (alternatives && alternatives.length > 0) {
      return fc.oneof(...alternatives.map((inner) => fromSchema(inner, depth + 1)));
    }
    switch (schema.type) {
      case 'string':
        return nastyString;
      case 'integer':
      case 'number':
        return fc.oneof(
          fc.integer({ min: -5, max: 1000 }),
          fc.double({ noNaN: false }),
          fc.constantFrom(0, 1, 500, 501, 2 ** 53),
        );
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(fromSchema(schema.items, depth + 1), { maxLength: 4 });
      case 'object': {
        const properties = Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([key, inner]) => [
            key,
            fromSchema(inner, depth + 1),
          ]),
        );
        return fc
          .tuple(
            fc.record(properties, { requiredKeys: [] }),
            fc.dictionary(nastyString, junkJson, { maxKeys: 2 }),
          )
          .map(([known, extra]) => ({ ...extra, ...known }));
      }
      default:
        return junkJson;
    }
  })();
  return fc.oneof({ weight: 5, arbitrary: near }, { weight: 1, arbitrary: junkJson });
}

/** A path segment for any string (lone surrogates, which no URL can carry, become U+FFFD). */
function encodePathPart(text: string): string {
  return encodeURIComponent((text as unknown as { toWellFormed(): string }).toWellFormed());
}

let h: Harness;
const known: Record<string, string> = {};
const operations: Operation[] = [];

/**
 * A digest of every row Referkit keeps and of every job its queue was ever
 * given, to see whether a request wrote anything. pg-boss's own maintenance
 * moves finished jobs from `pgboss.job` to `pgboss.archive` at any moment, so
 * the queue counts by job id across both tables, not by row.
 */
async function digest(): Promise<string> {
  const tables = await h.pool.query<{ name: string }>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name
     FROM information_schema.tables
     WHERE table_schema = 'referkit' AND table_type = 'BASE TABLE'
     ORDER BY 1`,
  );
  const parts = [
    ...tables.rows.map(
      ({ name }) =>
        `SELECT '${name}' AS t, md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS d FROM ${name} x`,
    ),
    `SELECT 'pgboss jobs' AS t, md5(coalesce(string_agg(id::text, ',' ORDER BY id::text), '')) AS d
     FROM (SELECT id FROM pgboss.job UNION SELECT id FROM pgboss.archive) jobs`,
  ];
  const { rows } = await h.pool.query<{ t: string; d: string }>(parts.join(' UNION ALL '));
  return rows
    .map((row) => `${row.t}:${row.d}`)
    .sort()
    .join('|');
}

beforeAll(async () => {
  h = await createHarness({
    worker: false,
    sandbox: { customers: 5 },
    server: {
      stripe: {
        oauth: { clientId: 'ca_property_test', secretKey: 'sk_test_property_test_platform' },
      },
    },
  });
  await h.connect('acct-prop');
  known.campaignId = await h.campaign('acct-prop');
  const referrer = await h.api('POST', `/campaigns/${known.campaignId}/referrers`, {
    account: 'acct-prop',
    body: { email: 'known@example.com', firstName: 'Known' },
  });
  known.referrerId = referrer.body.referrer.id;
  const sync = await h.api('POST', '/syncs', {
    account: 'acct-prop',
    body: { campaignId: known.campaignId, config: createDefaultSyncConfig() },
  });
  known.syncId = sync.body.sync.id;
  const runs = await h.api('GET', `/syncs/${known.syncId}/runs`, { account: 'acct-prop' });
  known.runId = runs.body.runs?.[0]?.id ?? 'run_unknown';
  const connection = await h.pool.query(
    "SELECT id FROM referkit.stripe_connections WHERE account_id = 'acct-prop'",
  );
  known.connectionId = connection.rows[0].id;
  known.objectType = 'customer';

  const document = buildOpenApiDocument() as {
    paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  };
  for (const [path, methods] of Object.entries(document.paths)) {
    if (path === '/openapi.json') continue;
    for (const [method, operation] of Object.entries(methods)) {
      operations.push({ ...operation, method: method.toUpperCase(), path });
    }
  }
});
afterAll(() => h?.close());

/** One generated request against an operation. */
function requestFor(operation: Operation) {
  const pathNames = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name as string);
  const pathValue = (name: string) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(encodeURIComponent(known[name] ?? 'unknown')) },
      { weight: 2, arbitrary: nastyString.map((s) => encodePathPart(s) || 'x') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('%00', '%E0%A4%A', '..', '%2F', `cmp_${'z'.repeat(300)}`),
      },
    );
  const queryParameters = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const query = fc.tuple(
    fc.record(
      Object.fromEntries(
        queryParameters.map((p) => [
          p.name,
          fc.oneof(
            fromSchema(p.schema).map((value) =>
              typeof value === 'string' ? value : JSON.stringify(value),
            ),
            nastyString,
          ),
        ]),
      ),
      { requiredKeys: [] },
    ),
    fc.dictionary(fc.constantFrom('cursor', 'limit', 'q', 'x', 'columns'), nastyString, {
      maxKeys: 1,
    }),
  );
  const content = operation.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const isCsv = 'text/csv' in content;
  const body: fc.Arbitrary<string | undefined> = isCsv
    ? // CSV content rules have their own tests (csv-import); here: small uploads of any shape.
      fc.oneof(
        fc.constant(undefined),
        fc
          .array(
            fc.array(
              fc.string({ maxLength: 12 }).map((s) => s.replaceAll('\u0000', '')),
              {
                maxLength: 4,
              },
            ),
            { maxLength: 4 },
          )
          .map((rows) => rows.map((row) => row.join(',')).join('\n')),
      )
    : fc.oneof(
        { weight: 6, arbitrary: fromSchema(jsonSchema).map((value) => JSON.stringify(value)) },
        { weight: 1, arbitrary: fc.constantFrom(undefined, '', '{', '[]', 'null', '{"a":') },
        { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      );
  const headers = fc.record(
    {
      'content-type': fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/csv',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
        '',
      ),
      authorization: fc.constantFrom('Bearer refk_not_a_key', 'Bearer nope', 'Basic Zm9vOmJhcg=='),
      origin: fc.constantFrom('http://referkit.test', 'https://evil.example', 'null'),
      'sec-fetch-site': fc.constantFrom('same-origin', 'cross-site', 'none'),
      'stripe-signature': fc.constantFrom('t=1,v1=00', 'garbage'),
    },
    { requiredKeys: [] },
  );
  const account = fc.oneof(
    { weight: 6, arbitrary: fc.constant('acct-prop') },
    { weight: 1, arbitrary: fc.constant('acct-other') },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  return fc
    .record({
      params: fc.tuple(...pathNames.map(pathValue)),
      query,
      body,
      headers,
      account,
      jsonContentType: fc.boolean(),
    })
    .map(
      ({
        params,
        query: [declared, extra],
        body: text,
        headers: chosen,
        account: who,
        jsonContentType,
      }) => {
        let path = operation.path;
        pathNames.forEach((name, index) => {
          path = path.replace(`{${name}}`, params[index] as string);
        });
        const search = new URLSearchParams({ ...extra, ...(declared as Record<string, string>) });
        const headerValues: Record<string, string> = { ...(chosen as Record<string, string>) };
        if (jsonContentType && jsonSchema) headerValues['content-type'] = 'application/json';
        return {
          method: operation.method,
          url: `${path}${search.size > 0 ? `?${search}` : ''}`,
          body: text,
          headers: headerValues,
          account: who,
        };
      },
    );
}

describe('generated bad input against every operation', () => {
  it('covers every operation of the contract', () => {
    expect(operations.length).toBeGreaterThanOrEqual(27);
  });

  it('never answers 5xx; every 4xx is a well-formed error and writes nothing', async () => {
    let requests = 0;
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(operation), async (request) => {
          requests += 1;
          const before = await digest();
          const result = await h.api(request.method, request.url, {
            account: request.account,
            headers: request.headers,
            ...(request.body === undefined || request.method === 'GET'
              ? {}
              : { rawBody: request.body }),
          });
          const label = `${request.method} ${request.url} → ${result.status} ${result.text.slice(0, 300)}`;
          expect(result.status, label).toBeLessThan(500);
          if (result.status >= 400) {
            const parsed = apiErrorSchema.safeParse(result.body);
            expect(parsed.success, label).toBe(true);
            expect(
              API_ERROR_STATUS[result.body.error.code as keyof typeof API_ERROR_STATUS],
              label,
            ).toBe(result.status);
            expect(await digest(), `${label} wrote something`).toBe(before);
          }
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
    }
    expect(requests).toBe(operations.length * RUNS_PER_OPERATION);
  });
});
