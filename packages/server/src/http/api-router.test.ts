import { describe, expect, it } from 'vitest';
import { createApiRouter } from './api-router';

const router = createApiRouter();

describe('createApiRouter', () => {
  it('finds a route with its decoded path parameters', () => {
    expect(router.match('GET', '/campaigns/c%2F1/referrers')).toEqual({
      kind: 'route',
      name: 'listReferrers',
      route: expect.objectContaining({ method: 'GET', path: '/campaigns/:campaignId/referrers' }),
      params: { campaignId: 'c/1' },
    });
  });

  it('prefers a literal segment over a parameter', () => {
    const match = router.match('POST', '/campaigns/c1/referrers/import');
    expect(match).toMatchObject({ kind: 'route', name: 'importReferrers' });
    expect(router.match('DELETE', '/campaigns/c1/referrers/import')).toMatchObject({
      kind: 'route',
      name: 'deleteReferrer',
      params: { campaignId: 'c1', referrerId: 'import' },
    });
  });

  it('ignores trailing slashes and takes long parameters', () => {
    expect(router.match('GET', '/syncs//')).toMatchObject({ kind: 'route', name: 'listSyncs' });
    const long = 'x'.repeat(500);
    expect(router.match('GET', `/syncs/${long}`)).toMatchObject({ params: { syncId: long } });
  });

  it('serves nothing where a path parameter is empty or a path is unknown', () => {
    expect(router.match('GET', '/campaigns//referrers')).toEqual({ kind: 'not_found' });
    expect(router.match('GET', '/nowhere')).toEqual({ kind: 'not_found' });
    expect(router.match('GET', '/campaigns/%E0%A4%A')).toEqual({ kind: 'not_found' });
  });

  it('names the methods a path takes, most literal route first', () => {
    expect(router.match('PUT', '/syncs/s1')).toEqual({
      kind: 'wrong_method',
      allow: 'GET, PATCH, DELETE',
    });
    expect(router.match('GET', '/campaigns/c1/referrers/import')).toEqual({
      kind: 'wrong_method',
      allow: 'POST, DELETE',
    });
    expect(router.match('HEAD', '/campaigns')).toEqual({
      kind: 'wrong_method',
      allow: 'GET, POST',
    });
  });
});
