import { describe, expect, it } from 'vitest';
import { buildApiPath, matchApiPath } from './api-endpoints';
import { API_ROUTES, type ApiRouteName } from './api-routes';

describe('buildApiPath', () => {
  it('fills path parameters', () => {
    expect(
      buildApiPath(API_ROUTES.listSyncOutcomes.path, { syncId: 'syn_1', runId: 'run_2' }),
    ).toBe('/syncs/syn_1/runs/run_2/outcomes');
  });

  it('URL-encodes parameter values', () => {
    expect(buildApiPath('/campaigns/:campaignId', { campaignId: 'a/b c?d' })).toBe(
      '/campaigns/a%2Fb%20c%3Fd',
    );
  });

  it('leaves paths without parameters as they are', () => {
    expect(buildApiPath(API_ROUTES.listIntegrations.path)).toBe('/integrations');
  });

  it('throws a clear error for a missing parameter', () => {
    expect(() => buildApiPath('/syncs/:syncId/runs', {})).toThrow(
      'Missing path parameter "syncId" for /syncs/:syncId/runs',
    );
  });
});

describe('matchApiPath', () => {
  it('matches literal paths, ignoring a trailing slash', () => {
    expect(matchApiPath('/campaigns', '/campaigns')).toEqual({});
    expect(matchApiPath('/campaigns', '/campaigns/')).toEqual({});
  });

  it('returns decoded parameters', () => {
    expect(
      matchApiPath('/campaigns/:campaignId/referrers', '/campaigns/a%2Fb%20c/referrers'),
    ).toEqual({ campaignId: 'a/b c' });
  });

  it('refuses other paths, empty parameters and broken encodings', () => {
    expect(matchApiPath('/campaigns/:campaignId', '/campaigns')).toBeNull();
    expect(matchApiPath('/campaigns/:campaignId', '/campaigns/1/referrers')).toBeNull();
    expect(matchApiPath('/campaigns/:campaignId', '/syncs/1')).toBeNull();
    expect(matchApiPath('/campaigns/:campaignId/referrers', '/campaigns//referrers')).toBeNull();
    expect(matchApiPath('/campaigns/:campaignId', '/campaigns/%E0%A4%A')).toBeNull();
  });

  it('round-trips with buildApiPath for every route', () => {
    const value = 'id 1/ü';
    for (const [name, route] of Object.entries(API_ROUTES) as [
      ApiRouteName,
      (typeof API_ROUTES)[ApiRouteName],
    ][]) {
      const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);
      const params = Object.fromEntries(names.map((n) => [n, `${value}-${n}`]));
      expect(matchApiPath(route.path, buildApiPath(route.path, params)), name).toEqual(params);
    }
  });

  it('tells every route apart: no two routes share a method and path', () => {
    const keys = Object.values(API_ROUTES).map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
