import { REFERRAL_CODE_LENGTH } from '@referkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
});
afterAll(() => h?.close());

describe('campaigns', () => {
  it('creates, lists and gets campaigns with their link base', async () => {
    const created = await h.api('POST', '/campaigns', {
      account: 'acct-cmp',
      body: { name: 'Summer' },
    });
    expect(created.status).toBe(201);
    const { campaign } = created.body;
    expect(campaign).toMatchObject({ name: 'Summer', referrerCount: 0 });
    expect(campaign.linkBaseUrl).toBe(`https://ref.example.com/${campaign.id}`);
    const own = await h.api('POST', '/campaigns', {
      account: 'acct-cmp',
      body: { name: 'Own links', linkBaseUrl: 'https://go.example.org/r/' },
    });
    expect(own.body.campaign.linkBaseUrl).toBe('https://go.example.org/r');
    const list = await h.api('GET', '/campaigns', { account: 'acct-cmp' });
    expect(list.body.campaigns.map((c: { name: string }) => c.name)).toEqual([
      'Summer',
      'Own links',
    ]);
    const got = await h.api('GET', `/campaigns/${campaign.id}`, { account: 'acct-cmp' });
    expect(got.body.campaign.id).toBe(campaign.id);
    expect((await h.api('GET', '/campaigns/cmp_missing', { account: 'acct-cmp' })).status).toBe(
      404,
    );
  });
});

describe('referrers', () => {
  let campaignId: string;
  beforeAll(async () => {
    campaignId = await h.campaign('acct-ref');
  });
  const add = (
    body: unknown,
    headers: Record<string, string> = {},
    account: string | null = 'acct-ref',
  ) => h.api('POST', `/campaigns/${campaignId}/referrers`, { account, body, headers });

  it('adds one with a short, URL-safe code and a link that never changes', async () => {
    const result = await add({
      firstName: '  Ada  ',
      email: 'Ada@Example.com',
      lastName: 'Lovelace',
    });
    expect(result.status).toBe(201);
    const { referrer } = result.body;
    expect(referrer).toMatchObject({
      firstName: 'Ada',
      email: 'Ada@Example.com',
      lastName: 'Lovelace',
      source: 'manual',
      externalId: null,
      referralsCount: 0,
    });
    expect(referrer.referralCode).toMatch(new RegExp(`^[A-Za-z0-9]{${REFERRAL_CODE_LENGTH}}$`));
    const campaign = (await h.api('GET', `/campaigns/${campaignId}`, { account: 'acct-ref' })).body
      .campaign;
    expect(referrer.referralLink).toBe(`${campaign.linkBaseUrl}/${referrer.referralCode}`);
    expect(campaign.referrerCount).toBe(1);
  });

  it('refuses a duplicate email (any case or spacing) with 409 and a clear message', async () => {
    const result = await add({ firstName: 'Other', email: '  ada@EXAMPLE.com ' });
    expect(result.status).toBe(409);
    expect(result.body.error).toMatchObject({
      code: 'duplicate_email',
      message: 'ada@EXAMPLE.com is already a referrer in this campaign.',
      fields: { email: expect.any(String) },
    });
  });

  it('refuses invalid values, naming the field', async () => {
    const noName = await add({ firstName: ' ', email: 'x@example.com' });
    expect(noName.status).toBe(400);
    expect(noName.body.error.fields).toEqual({ firstName: 'No usable first name.' });
    const badEmail = await add({ firstName: 'X', email: 'not-an-email' });
    expect(badEmail.body.error.fields.email).toContain('not a valid email');
  });

  it('gives every referrer a different code', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const result = await add({ firstName: `P${i}`, email: `p${i}@codes.test` });
      codes.add(result.body.referrer.referralCode);
    }
    expect(codes.size).toBe(30);
  });

  it('searches by name or email and pages with a cursor', async () => {
    const search = await h.api('GET', `/campaigns/${campaignId}/referrers?q=lovelace`, {
      account: 'acct-ref',
    });
    expect(search.body.referrers.map((r: { email: string }) => r.email)).toEqual([
      'Ada@Example.com',
    ]);
    expect(search.body.total).toBe(1);
    const byEmail = await h.api('GET', `/campaigns/${campaignId}/referrers?q=codes.test`, {
      account: 'acct-ref',
    });
    expect(byEmail.body.total).toBe(30);
    const literal = await h.api('GET', `/campaigns/${campaignId}/referrers?q=%25`, {
      account: 'acct-ref',
    });
    expect(literal.body.total).toBe(0);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?q=codes.test&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await h.api('GET', `/campaigns/${campaignId}/referrers${query}`, {
        account: 'acct-ref',
      });
      expect(page.body.referrers.length).toBeLessThanOrEqual(7);
      seen.push(...page.body.referrers.map((r: { email: string }) => r.email));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(seen[0]).toBe('p29@codes.test');
  });

  it('deletes a referrer', async () => {
    const created = await add({ firstName: 'Temp', email: 'temp@example.com' });
    const path = `/campaigns/${campaignId}/referrers/${created.body.referrer.id}`;
    expect((await h.api('DELETE', path, { account: 'acct-ref' })).status).toBe(204);
    expect((await h.api('DELETE', path, { account: 'acct-ref' })).status).toBe(404);
    expect((await add({ firstName: 'Temp', email: 'temp@example.com' })).status).toBe(201);
  });

  it('creates referrers with the account API key; rotating it stops the old one', async () => {
    const none = await h.api('GET', '/api-key', { account: 'acct-ref' });
    expect(none.body).toEqual({
      apiKey: null,
      endpoint: 'http://referkit.test/campaigns/{campaignId}/referrers',
    });
    const first = await h.api('POST', '/api-key', { account: 'acct-ref' });
    expect(first.status).toBe(201);
    const { secret } = first.body;
    expect(secret).toMatch(/^refk_/);
    const shown = await h.api('GET', '/api-key', { account: 'acct-ref' });
    expect(shown.body.apiKey.prefix).toBe(`${secret.slice(0, 9)}…`);
    expect(shown.text).not.toContain(secret);

    const viaKey = await add(
      { firstName: 'Api', email: 'api@example.com' },
      { authorization: `Bearer ${secret}` },
      null,
    );
    expect(viaKey.status).toBe(201);
    expect(viaKey.body.referrer.source).toBe('api');
    const used = await h.api('GET', '/api-key', { account: 'acct-ref' });
    expect(used.body.apiKey.lastUsedAt).not.toBeNull();

    // The key only authorises creating referrers.
    const list = await h.api('GET', `/campaigns/${campaignId}/referrers`, {
      account: null,
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(list.status).toBe(401);

    const second = await h.api('POST', '/api-key', { account: 'acct-ref' });
    expect(second.body.secret).not.toBe(secret);
    const old = await add(
      { firstName: 'Old', email: 'old@example.com' },
      { authorization: `Bearer ${secret}` },
      null,
    );
    expect(old.status).toBe(401);
    expect(old.body.error.message).toContain('rotated');
    const fresh = await add(
      { firstName: 'New', email: 'new@example.com' },
      { authorization: `Bearer ${second.body.secret}` },
      null,
    );
    expect(fresh.status).toBe(201);
  });
});
