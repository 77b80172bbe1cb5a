import {
  CSV_PREVIEW_BYTES,
  CSV_TEMPLATE,
  planCsvImport,
  previewCsv,
  readCsv,
} from '@referkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferrersCreatedEvent } from '../server-options';
import { createHarness, type Harness } from '../test-support/harness';

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

const upload = (
  csv: string | Uint8Array | ReadableStream<Uint8Array>,
  query: string,
  type = 'text/csv',
) =>
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
    expect(result.body.error.message).toBe(
      'Line 2 of the file has a quoted value that is never closed. Fix the quotes and import again.',
    );
    expect(await count()).toBe(before);
  });

  it('imports a large upload sent as a stream', async () => {
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
    expect(result.body.error).toEqual({
      code: 'payload_too_large',
      message: 'The file is larger than 292 KB. Split it into smaller files and import each.',
    });
    expect(await count()).toBe(before);
  });

  it('refuses a mapping without the required fields, or with a field twice', async () => {
    const missing = await upload('x@example.com\n', 'columns=email');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('Map a column to First Name: it is required.');
    const twice = await upload('a,b\n', 'columns=email,email,firstName');
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields).toEqual({
      columns: 'Email is mapped from more than one column. Map it from one.',
    });
    const unknown = await upload('a,b\n', 'columns=email,nickname');
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.fields)).toEqual(['columns.1']);
  });

  it('refuses a body that is not CSV by content type', async () => {
    const result = await upload('{}', 'columns=firstName,email', 'application/json');
    expect(result.status).toBe(415);
    expect(result.body.error).toEqual({
      code: 'unsupported_media_type',
      message:
        'Upload the file as text/csv (the raw CSV file as the request body), not application/json.',
    });
  });

  it('refuses a body of another type before reading it', async () => {
    const result = await upload('{}', 'columns=firstName,email', 'image/png');
    expect(result.status).toBe(415);
  });
});

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 bytes of Latin-1 text (every character below U+0100). */
const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

/** Files as European and American spreadsheets write them; each imports what it previews. */
const DIALECTS: [string, string, Uint8Array][] = [
  [
    'comma',
    'comma',
    utf8('First Name,Email,Last Name\nJosé,jose@comma.test,Núñez\nAnn,ann@comma.test,"Lee\nJr"\n'),
  ],
  [
    'semicolon',
    'semi',
    utf8(
      'First Name;Email;Last Name\r\nJosé;jose@semi.test;Núñez\r\nAnn;ann@semi.test;"Lee\r\nJr"\r\n',
    ),
  ],
  [
    'tab (.tsv)',
    'tab',
    utf8(
      'First Name\tEmail\tLast Name\nJosé\tjose@tab.test\tNúñez\nAnn\tann@tab.test\t"Lee\nJr"\n',
    ),
  ],
  [
    'BOM',
    'bom',
    utf8(
      '\uFEFFFirst Name,Email,Last Name\r\nJosé,jose@bom.test,Núñez\r\nAnn,ann@bom.test,"Lee\r\nJr"\r\n',
    ),
  ],
  [
    'Latin-1 / Windows-1252',
    'latin',
    latin1(
      'First Name;Email;Last Name\r\nJosé;jose@latin.test;Núñez\r\nAnn;ann@latin.test;"Lee\r\nJr"\r\n',
    ),
  ],
];

describe('CSV dialects', () => {
  it.each(DIALECTS)('imports a %s file as its preview shows it', async (_name, domain, bytes) => {
    // What the browser's mapping step shows, and the mapping it proposes.
    const preview = previewCsv(bytes.subarray(0, CSV_PREVIEW_BYTES), bytes.length);
    expect(preview.columns).toEqual(['firstName', 'email', 'lastName']);
    expect(preview.hasHeaderRow).toBe(true);
    const columns = preview.columns.join(',');
    const result = await upload(bytes, `columns=${columns}&ignoreFirstRow=true`);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ created: 2, duplicates: 0, invalid: 0 });
    expect(result.body.rows.map((r: { row: number }) => r.row)).toEqual([2, 3]);

    const planned = planCsvImport(readCsv(bytes).rows, preview.columns, true).map((row) =>
      row.kind === 'new' ? [row.draft.firstName, row.draft.lastName, row.draft.email] : row.kind,
    );
    const stored = await h.api('GET', `/campaigns/${campaignId}/referrers?q=${domain}.test`, {
      account: 'acct-csv',
    });
    const names = stored.body.referrers
      .map((r: { firstName: string; lastName: string; email: string }) => [
        r.firstName,
        r.lastName,
        r.email,
      ])
      .sort((a: string[], b: string[]) => (a[2] as string).localeCompare(b[2] as string));
    expect(names).toEqual(planned.sort((a, b) => String(a[2]).localeCompare(String(b[2]))));
    expect(names).toEqual([
      ['Ann', 'Lee Jr', `ann@${domain}.test`],
      ['José', 'Núñez', `jose@${domain}.test`],
    ]);
  });
});

describe('CSV limits', () => {
  it('refuses an empty file, or one with a header row only, saying why', async () => {
    const empty = await upload('', 'columns=firstName,email');
    expect(empty.status).toBe(400);
    expect(empty.body.error).toEqual({
      code: 'csv_invalid',
      message: 'The file is empty: it has no rows to import.',
    });
    const blank = await upload('\uFEFF\r\n\r\n', 'columns=firstName,email');
    expect(blank.body.error.code).toBe('csv_invalid');
    const header = await upload(
      'First Name,Email\n',
      'columns=firstName,email&ignoreFirstRow=true',
    );
    expect(header.status).toBe(400);
    expect(header.body.error.message).toBe(
      'The file has a header row but no rows under it: nothing to import.',
    );
  });

  it('refuses a spreadsheet sent as CSV', async () => {
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    const result = await upload(xlsx, 'columns=firstName,email');
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('csv_invalid');
    expect(result.body.error.message).toContain('not a CSV file');
  });

  it('reports a NUL character in a cell on its row and keeps the others', async () => {
    const result = await upload(
      'Nul\u0000Person,nul@limits.test\nNot Nul,notnul@limits.test\n',
      'columns=firstName,email',
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ created: 1, invalid: 1 });
    expect(result.body.rows[0]).toMatchObject({
      row: 1,
      status: 'invalid',
      field: 'firstName',
      message: expect.stringContaining('NUL character'),
    });
  });
});

describe('CSV row limits', () => {
  let small: Harness;
  let smallCampaign: string;
  beforeAll(async () => {
    small = await createHarness({
      worker: false,
      server: { maxCsvRows: 3, maxCsvRecordBytes: 4096 },
    });
    smallCampaign = await small.campaign('acct-small');
  });
  afterAll(() => small?.close());
  const send = (csv: string, query: string) =>
    small.api('POST', `/campaigns/${smallCampaign}/referrers/import?${query}`, {
      account: 'acct-small',
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
  const total = async () =>
    (
      await small.api('GET', `/campaigns/${smallCampaign}/referrers?limit=1`, {
        account: 'acct-small',
      })
    ).body.total;

  it('refuses more rows than the limit with 413 and the limit, importing none', async () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => `Row ${i},row${i}@rows.test`).join('\n');
    const over = await send(rows(4), 'columns=firstName,email');
    expect(over.status).toBe(413);
    expect(over.body.error).toEqual({
      code: 'payload_too_large',
      message:
        'The file has more than 3 rows. Split it into files of at most 3 rows and import each.',
    });
    expect(await total()).toBe(0);
    // The header row is not a data row.
    const atLimit = await send(
      `Name,Email\n${rows(3)}`,
      'columns=firstName,email&ignoreFirstRow=true',
    );
    expect(atLimit.status).toBe(200);
    expect(atLimit.body.created).toBe(3);
  });

  it('refuses a row longer than the record limit with 413 and the limit', async () => {
    const before = await total();
    const huge = `Big,big@rows.test\n"${'x'.repeat(1024 * 1024)}",cell@rows.test\n`;
    const result = await send(huge, 'columns=firstName,email');
    expect(result.status).toBe(413);
    expect(result.body.error.code).toBe('payload_too_large');
    expect(result.body.error.message).toBe(
      'Line 2 of the file is longer than 4 KB, the most one row may hold. Check that its quotes are closed, or shorten it.',
    );
    expect(await total()).toBe(before);
  });
});
