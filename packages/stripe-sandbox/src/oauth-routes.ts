import type { IncomingMessage, ServerResponse } from 'node:http';
import { keyFromHeader } from './authenticate';
import { OAuthError, type OAuthScope } from './connect-oauth';
import { readBody, redirect, sendHtml, sendJson } from './http-io';
import { consentPage, oauthErrorPage } from './oauth-consent-page';
import type { SandboxState } from './sandbox-state';
import type { StripeAccount } from './stripe-account';
import { maskKey } from './stripe-error';
import { parseForm, type RawParams } from './stripe-params';

function text(params: RawParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}

function authorizeRequest(state: SandboxState, params: RawParams) {
  const responseType = text(params, 'response_type') ?? 'code';
  if (responseType !== 'code')
    return { error: `Unsupported response_type: ${responseType}. Use code.` };
  const clientId = text(params, 'client_id');
  if (!clientId)
    return { error: 'Missing client_id: pass your platform’s Connect client id (ca_…).' };
  const platform = state.oauth.platformByClientId(clientId);
  if (!platform) return { error: `No such application: '${clientId}'.` };
  const scope = text(params, 'scope') ?? 'read_only';
  if (scope !== 'read_write' && scope !== 'read_only') return { error: `Invalid scope: ${scope}.` };
  const redirectUri = text(params, 'redirect_uri');
  if (!redirectUri) {
    return {
      error: 'Missing redirect_uri: the sandbox has no Dashboard, so pass it with every request.',
    };
  }
  try {
    const url = new URL(redirectUri);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    return { error: `Invalid redirect_uri: ${redirectUri}.` };
  }
  return {
    platform,
    clientId,
    scope: scope as OAuthScope,
    redirectUri,
    state: text(params, 'state'),
  };
}

function withQuery(uri: string, query: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

function platformFromRequest(
  state: SandboxState,
  req: IncomingMessage,
  params: RawParams,
): StripeAccount {
  const secret = keyFromHeader(req.headers.authorization) ?? text(params, 'client_secret');
  if (!secret) {
    throw new OAuthError(
      401,
      'invalid_client',
      'No authentication was provided. Send your secret API key in the Authorization header, or as the client_secret parameter.',
    );
  }
  const key = state.keys.get(secret);
  if (!key || key.revoked || key.kind !== 'secret') {
    throw new OAuthError(401, 'invalid_client', `Invalid API Key provided: ${maskKey(secret)}`);
  }
  const platform = state.account(key.accountId);
  if (!platform)
    throw new OAuthError(401, 'invalid_client', `Invalid API Key provided: ${maskKey(secret)}`);
  return platform;
}

/**
 * Connect OAuth endpoints: `GET /oauth/authorize` (consent page),
 * `POST /oauth/authorize` (the page's form), `POST /oauth/token`,
 * `POST /oauth/deauthorize`. Returns the status sent, for statistics.
 */
export async function handleOAuth(
  state: SandboxState,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
  query: string,
): Promise<number> {
  if (path === '/oauth/authorize' && (method === 'GET' || method === 'POST')) {
    const params = method === 'GET' ? parseForm(query) : parseForm(await readBody(req));
    const request = authorizeRequest(state, params);
    if ('error' in request) {
      sendHtml(res, 400, oauthErrorPage(request.error ?? 'Invalid request'));
      return 400;
    }
    if (method === 'GET') {
      sendHtml(res, 200, consentPage(request.platform, [...state.accounts.values()], request));
      return 200;
    }
    if (text(params, 'decision') !== 'allow') {
      redirect(
        res,
        withQuery(request.redirectUri, {
          error: 'access_denied',
          error_description: 'The user denied your request',
          state: request.state,
        }),
      );
      return 302;
    }
    let accountId = text(params, 'account') ?? 'new';
    if (accountId === 'new') accountId = state.createAccount().accountId;
    if (!state.account(accountId) || accountId === request.platform.id) {
      sendHtml(res, 400, oauthErrorPage(`No such account to connect: '${accountId}'.`));
      return 400;
    }
    const code = state.oauth.issueCode(request.platform, accountId, request.scope);
    redirect(
      res,
      withQuery(request.redirectUri, { scope: request.scope, code, state: request.state }),
    );
    return 302;
  }
  if ((path === '/oauth/token' || path === '/oauth/deauthorize') && method === 'POST') {
    try {
      const params = { ...parseForm(query), ...parseForm(await readBody(req)) };
      const platform = platformFromRequest(state, req, params);
      const body =
        path === '/oauth/token'
          ? state.oauth.token(platform, params)
          : state.oauth.deauthorize(platform, params);
      sendJson(res, 200, JSON.stringify(body));
      return 200;
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      sendJson(res, error.status, JSON.stringify(error));
      return error.status;
    }
  }
  sendJson(
    res,
    404,
    JSON.stringify({
      error: 'invalid_request',
      error_description: `Unrecognized request URL (${method}: ${path}).`,
    }),
  );
  return 404;
}
