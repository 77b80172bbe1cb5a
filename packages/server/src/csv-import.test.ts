import { CSV_TEMPLATE } from '@referkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferrersCreatedEvent } from './server-options';
import { createHarness, type Harness } from './test-support/harness';

let h: Harness;
let campaignId: string;
const announced: ReferrersCreatedEvent[] = [];
beforeAll(async () => {
  h = await createHarness({
    worker: false,
    server: { maxCsvBytes: 300_000, onReferrersCreated: (event) => void announced.push(event) },
  });
  campaignId = await h.campaign('acct-csv');
});
afterAll(() => h?.close());

const upload = (csv: string | ReadableStream<Uint8Array>, query: string, type = 'text/csv') =>
  h.api('POST', `/campaigns/${campaignId}/referrers/import?${query}`, {
    account: 'acct-csv',
    rawBody: csv,
    headers: { 'content-type': type },
  });

const count = async () =>
  (await h.api('GET', `/campaigns/${campaignId}/referrers?limit=1`, { account: 'acct-csv' })).body
    .total;

describe('CSV import', () => {
  it('imports the template with its header row ignored', async () => {
    const result = await upload(
      CSV_TEMPLATE,
      'columns=firstName,email,lastName,company&ignoreFirstRow=true',
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ created: 1, duplicates: 0, invalid: 0 });
    expect(result.body.rows).toEqual([
      { row: 2, status: 'created', referrerId: expect.any(String), field: null, message: null },
    ]);
  });

  it('reports each row: created, duplicate (file or campaign) and invalid with the field; keeps the good ones', async () => {
    const csv = [
      'Email,Name,Notes,Surname',
      'grace@example.com,Grace,vip,Hopper',
      'JANE@example.com,Jane Again,,',
      'not-an-email,Bad,,',
      'alan@example.com,,,Turing',
      'grace@EXAMPLE.com,Grace Twice,,',
      '"quoted, person@example.com",Quote,,',
      'linus@example.com,"Linus ""the"" Dev",note,T',
    ].join('\r\n');
    const result = await upload(csv, 'columns=email,firstName,skip,lastName&ignoreFirstRow=true');
    expect(result.status).toBe(200);
    expect(
      result.body.rows.map((r: { row: number; status: string; field: string | null }) => [
        r.row,
        r.status,
        r.field,
      ]),
    ).toEqual([
      [2, 'created', null],
      [3, 'duplicate', 'email'],
      [4, 'invalid', 'email'],
      [5, 'invalid', 'firstName'],
      [6, 'duplicate', 'email'],
      [7, 'invalid', 'email'],
      [8, 'created', null],
    ]);
    expect(result.body).toMatchObject({ created: 2, duplicates: 2, invalid: 3 });
    const event = announced.at(-1);
    expect(event).toMatchObject({ source: 'upload', campaignId, accountId: 'acct-csv' });
    expect(event?.referrers.map((r) => r.email)).toEqual([
      'grace@example.com',
      'linus@example.com',
    ]);
    const linus = await h.api('GET', `/campaigns/${campaignId}/referrers?q=linus`, {
      account: 'acct-csv',
    });
    expect(linus.body.referrers[0]).toMatchObject({
      firstName: 'Linus "the" Dev',
      lastName: 'T',
      source: 'upload',
    });
  });

  it('imports nothing from a malformed file and says where', async () => {
    const before = await count();
    const csv = 'a@example.com,Ann\nb@example.com,"Bob\nc@example.com,Cy\n';
    const result = await upload(csv, 'columns=email,firstName');
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('csv_invalid');
    expect(result.body.error.message).toContain('Nothing was imported');
    expect(await count()).toBe(before);
  });

  it('streams a large upload', async () => {
    const encoder = new TextEncoder();
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i >= 3000) return controller.close();
        const lines = Array.from({ length: 500 }, () => `Person ${i},person${i++}@bulk.test`).join(
          '\n',
        );
        controller.enqueue(encoder.encode(`${lines}\n`));
      },
    });
    const result = await upload(stream, 'columns=firstName,email');
    expect(result.status).toBe(200);
    expect(result.body.created).toBe(3000);
    expect(result.body.rows.at(-1)).toMatchObject({ row: 3000, status: 'created' });
  });

  it('refuses a file over the size limit and imports none of it', async () => {
    const before = await count();
    const csv = Array.from({ length: 12_000 }, (_, n) => `Big ${n},big${n}@huge.test`).join('\n');
    const result = await upload(csv, 'columns=firstName,email');
    expect(result.status).toBe(413);
    expect(result.body.error.code).toBe('payload_too_large');
    expect(await count()).toBe(before);
  });

  it('refuses a mapping without the required fields, or with a field twice', async () => {
    const missing = await upload('x@example.com\n', 'columns=email');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('Map a column to First Name: it is required.');
    const twice = await upload('a,b\n', 'columns=email,email,firstName');
    expect(twice.body.error.fields).toEqual({ columns: 'email is mapped twice.' });
    const unknown = await upload('a,b\n', 'columns=email,nickname');
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.fields)).toEqual(['columns.1']);
  });

  it('refuses a body that is not CSV by content type', async () => {
    const result = await upload('{}', 'columns=firstName,email', 'application/json');
    expect(result.status).toBe(415);
    expect(result.body.error.code).toBe('unsupported_media_type');
  });
});
