import type { KeyPermissions } from './key-permissions';

/**
 * Kinds of key: the account's secret key, restricted keys, the publishable
 * key (refused by every endpoint the sandbox serves, as by Stripe's secret-key
 * endpoints) and OAuth access tokens a Connect platform received.
 */
export type ApiKeyKind = 'secret' | 'restricted' | 'publishable' | 'oauth';

/** One API key. */
export interface ApiKey {
  /** The key itself: `sk_test_…`, `rk_test_…`, `pk_test_…`. */
  readonly secret: string;
  readonly kind: ApiKeyKind;
  /** The account the key belongs to. */
  readonly accountId: string;
  readonly permissions: Readonly<KeyPermissions>;
  /** A label, as in the Dashboard. */
  readonly name: string;
  /** Unix seconds. */
  readonly created: number;
  /** Revoked keys answer 401 `api_key_expired`. */
  revoked: boolean;
  /** For OAuth tokens: the platform that holds them. */
  readonly platformId?: string;
}

/** Every key of every account, by key text. */
export class ApiKeyRegistry {
  readonly #keys = new Map<string, ApiKey>();

  add(key: ApiKey): ApiKey {
    this.#keys.set(key.secret, key);
    return key;
  }

  get(secret: string): ApiKey | undefined {
    return this.#keys.get(secret);
  }

  /** Revokes a key. Returns false when there is no such key. */
  revoke(secret: string): boolean {
    const key = this.#keys.get(secret);
    if (!key) return false;
    key.revoked = true;
    return true;
  }

  /** Keys of one account, oldest first. */
  forAccount(accountId: string): ApiKey[] {
    return [...this.#keys.values()].filter((k) => k.accountId === accountId);
  }

  /** OAuth tokens a platform holds for one connected account. */
  oauthTokens(platformId: string, accountId: string): ApiKey[] {
    return [...this.#keys.values()].filter(
      (k) => k.kind === 'oauth' && k.platformId === platformId && k.accountId === accountId,
    );
  }

  clear(): void {
    this.#keys.clear();
  }
}
