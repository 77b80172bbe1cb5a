import { FULL_ACCESS, READ_ONLY_ACCESS } from './key-permissions';
import type { SandboxState } from './sandbox-state';
import type { StripeAccount } from './stripe-account';
import { createStripeId } from './stripe-id';

/** Connect OAuth scopes. */
export type OAuthScope = 'read_write' | 'read_only';

/** How long an authorization code can be exchanged, in seconds (Stripe: 5 minutes). */
export const AUTHORIZATION_CODE_TTL_SECONDS = 300;

/** An OAuth error, answered as `{ error, error_description }` (the SDK's `StripeInvalidGrantError`, …). */
export class OAuthError extends Error {
  readonly status: number;
  readonly error: string;

  constructor(status: number, error: string, description: string) {
    super(description);
    this.status = status;
    this.error = error;
  }

  toJSON() {
    return { error: this.error, error_description: this.message };
  }
}

/** The response of `POST /oauth/token`. */
export interface OAuthTokenResponse {
  access_token: string;
  livemode: false;
  refresh_token: string;
  token_type: 'bearer';
  stripe_publishable_key: string;
  stripe_user_id: string;
  scope: OAuthScope;
}

interface AuthorizationCode {
  platformId: string;
  accountId: string;
  scope: OAuthScope;
  created: number;
  used: boolean;
  tokens: string[];
}

interface RefreshToken {
  platformId: string;
  accountId: string;
  scope: OAuthScope;
}

/**
 * Connect OAuth for platforms (Standard accounts): authorization codes from
 * the consent page, their exchange for an access token (a secret key of the
 * connected account) and refresh token, refresh, and deauthorization.
 */
export class ConnectOAuth {
  readonly #state: SandboxState;
  readonly #codes = new Map<string, AuthorizationCode>();
  readonly #refreshTokens = new Map<string, RefreshToken>();

  constructor(state: SandboxState) {
    this.#state = state;
  }

  /** The platform whose Connect `client_id` this is. */
  platformByClientId(clientId: string): StripeAccount | undefined {
    for (const account of this.#state.accounts.values())
      if (account.clientId === clientId) return account;
    return undefined;
  }

  /** Issues a single-use authorization code after the user consented. */
  issueCode(platform: StripeAccount, accountId: string, scope: OAuthScope): string {
    const code = createStripeId('authorizationCode');
    this.#codes.set(code, {
      platformId: platform.id,
      accountId,
      scope,
      created: this.#state.clock.now(),
      used: false,
      tokens: [],
    });
    return code;
  }

  /** `grant_type=authorization_code` or `refresh_token`. */
  token(platform: StripeAccount, params: Record<string, unknown>): OAuthTokenResponse {
    const grantType = params.grant_type;
    if (grantType === undefined)
      throw new OAuthError(400, 'invalid_request', 'No grant type specified');
    if (grantType === 'authorization_code') return this.#exchangeCode(platform, params.code);
    if (grantType === 'refresh_token')
      return this.#refresh(platform, params.refresh_token, params.scope);
    throw new OAuthError(
      400,
      'unsupported_grant_type',
      `Unsupported grant type: ${String(grantType)}`,
    );
  }

  /** Disconnects an account from the platform and revokes the platform's tokens for it. */
  deauthorize(
    platform: StripeAccount,
    params: Record<string, unknown>,
  ): { stripe_user_id: string } {
    if (params.client_id !== platform.clientId) {
      throw new OAuthError(
        401,
        'invalid_client',
        `No such application: '${String(params.client_id)}'`,
      );
    }
    const accountId = String(params.stripe_user_id ?? '');
    const account = this.#state.account(accountId);
    if (!account?.connectedPlatforms.has(platform.id)) {
      throw new OAuthError(
        401,
        'invalid_client',
        `This application is not connected to stripe account ${accountId}, or that account does not exist.`,
      );
    }
    account.connectedPlatforms.delete(platform.id);
    for (const key of this.#state.keys.oauthTokens(platform.id, accountId)) key.revoked = true;
    for (const [token, refresh] of this.#refreshTokens) {
      if (refresh.platformId === platform.id && refresh.accountId === accountId) {
        this.#refreshTokens.delete(token);
      }
    }
    return { stripe_user_id: accountId };
  }

  clear(): void {
    this.#codes.clear();
    this.#refreshTokens.clear();
  }

  #exchangeCode(platform: StripeAccount, code: unknown): OAuthTokenResponse {
    if (typeof code !== 'string' || code === '') {
      throw new OAuthError(400, 'invalid_request', 'No authorization code provided');
    }
    const grant = this.#codes.get(code);
    if (!grant)
      throw new OAuthError(400, 'invalid_grant', `Authorization code does not exist: ${code}`);
    if (grant.platformId !== platform.id) {
      throw new OAuthError(
        400,
        'invalid_grant',
        `Authorization code provided does not belong to you: ${code}`,
      );
    }
    if (grant.used) {
      for (const token of grant.tokens) this.#state.keys.revoke(token);
      throw new OAuthError(
        400,
        'invalid_grant',
        'This authorization code has already been used. All tokens issued with this code have been revoked.',
      );
    }
    if (this.#state.clock.now() - grant.created > AUTHORIZATION_CODE_TTL_SECONDS) {
      throw new OAuthError(400, 'invalid_grant', `Authorization code expired: ${code}`);
    }
    grant.used = true;
    const response = this.#issue(platform, grant.accountId, grant.scope);
    grant.tokens.push(response.access_token);
    return response;
  }

  #refresh(platform: StripeAccount, token: unknown, scope: unknown): OAuthTokenResponse {
    const refresh = typeof token === 'string' ? this.#refreshTokens.get(token) : undefined;
    if (!refresh || refresh.platformId !== platform.id) {
      throw new OAuthError(400, 'invalid_grant', `Invalid refresh token: ${String(token)}`);
    }
    if (scope !== undefined && scope !== 'read_only' && scope !== 'read_write') {
      throw new OAuthError(400, 'invalid_scope', `Invalid scope: ${String(scope)}`);
    }
    if (scope === 'read_write' && refresh.scope === 'read_only') {
      throw new OAuthError(
        400,
        'invalid_scope',
        'A read_only refresh token cannot grant read_write access.',
      );
    }
    return this.#issue(
      platform,
      refresh.accountId,
      (scope as OAuthScope | undefined) ?? refresh.scope,
    );
  }

  #issue(platform: StripeAccount, accountId: string, scope: OAuthScope): OAuthTokenResponse {
    const account = this.#state.account(accountId);
    if (!account) throw new OAuthError(400, 'invalid_grant', `No such account: ${accountId}`);
    account.connectedPlatforms.add(platform.id);
    const accessToken = createStripeId('secretKey');
    this.#state.keys.add({
      secret: accessToken,
      kind: 'oauth',
      accountId,
      permissions: scope === 'read_write' ? FULL_ACCESS : READ_ONLY_ACCESS,
      name: `OAuth token for ${platform.name}`,
      created: this.#state.clock.now(),
      revoked: false,
      platformId: platform.id,
    });
    const refreshToken = createStripeId('refreshToken');
    this.#refreshTokens.set(refreshToken, { platformId: platform.id, accountId, scope });
    const publishable = this.#state.keys
      .forAccount(accountId)
      .find((k) => k.kind === 'publishable');
    return {
      access_token: accessToken,
      livemode: false,
      refresh_token: refreshToken,
      token_type: 'bearer',
      stripe_publishable_key: publishable?.secret ?? '',
      stripe_user_id: accountId,
      scope,
    };
  }
}
