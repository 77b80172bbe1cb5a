import { type ApiKey, ApiKeyRegistry } from './api-key-registry';
import { ConnectOAuth } from './connect-oauth';
import {
  createCustomer,
  deleteCustomer,
  type EventInput,
  updateCustomer,
} from './customer-operations';
import type { CustomerRecord } from './customer-store';
import { EVENT_RETENTION_SECONDS, type EventRecord, type NewEvent } from './event-log';
import { FaultInjector } from './fault-injector';
import { FULL_ACCESS, type KeyPermissions, normalizePermissions } from './key-permissions';
import { LayeredRateLimiter } from './layered-rate-limiter';
import {
  type MerchantTraffic,
  type MerchantTrafficOptions,
  startMerchantTraffic,
} from './merchant-traffic';
import { RequestStats } from './request-stats';
import { SandboxClock } from './sandbox-clock';
import {
  type AccountOptions,
  applyConfigPatch,
  DEFAULT_API_VERSION,
  initialConfig,
  type LatencyRange,
  type SandboxConfig,
  type SandboxConfigPatch,
  type StripeSandboxOptions,
  type WebhookEndpointOption,
} from './sandbox-options';
import { randomEmail, randomName, seedCustomers } from './seed-customers';
import { SEED_DATA } from './seed-data';
import { SeededRandom } from './seeded-random';
import { StripeAccount } from './stripe-account';
import { createStripeId } from './stripe-id';
import { type DeliveryTarget, WebhookDispatcher } from './webhook-dispatcher';
import { WebhookEndpointRecord } from './webhook-endpoint-store';

/** Options of {@link SandboxState.createAccount}. */
export interface CreateAccountOptions {
  /** Account id. Default: generated from the sandbox seed. */
  id?: string;
  /** Business name. Default `'Sandbox account N'`. */
  name?: string;
  /** Account email. Default `'owner+N@referkit.test'`. */
  email?: string;
  /** Its secret key. Default: generated from the sandbox seed. */
  secretKey?: string;
  /** Customers to seed into it. Default `0`. */
  customers?: number;
  /** Seed of those customers. Default: the sandbox seed and the account id. */
  seed?: number | string;
  /**
   * A live-mode account: keys `sk_live_…`, `pk_live_…`, `rk_live_…`, and
   * live-mode rate limits (global 100/s). Default `false` (test mode).
   */
  livemode?: boolean;
}

/** What a new account comes with. */
export interface AccountCredentials {
  accountId: string;
  name: string;
  /** `sk_test_…` (`sk_live_…` for a live-mode account): full access. */
  secretKey: string;
  /** `pk_test_…` (`pk_live_…`): refused by the API endpoints the sandbox serves. */
  publishableKey: string;
  /** Whether the account and its keys are live mode. */
  livemode: boolean;
  /** Connect `client_id` (`ca_…`) for OAuth. */
  clientId: string;
}

/** Options of {@link SandboxState.createRestrictedKey}. */
export interface CreateRestrictedKeyOptions {
  /** Account id. Default: the default account. */
  account?: string;
  /** Permissions; omitted resources get `'none'`. */
  permissions?: Partial<KeyPermissions>;
  /** Label. Default `'Restricted key'`. */
  name?: string;
}

/** A restricted key as the control API reports it. */
export interface RestrictedKeyInfo {
  /** The key: `rk_test_…` (`rk_live_…` on a live-mode account). */
  secret: string;
  account: string;
  name: string;
  permissions: KeyPermissions;
  revoked: boolean;
}

/** Options of {@link SandboxState.mutateCustomers}: how many customers to change each way. */
export interface MutateCustomersOptions {
  /** Account id. Default: the default account. */
  account?: string;
  /** Give N random customers a new name. Default `0`. */
  rename?: number;
  /** Give N random customers a new email. Default `0`. */
  changeEmail?: number;
  /** Change a metadata key (`plan`) on N random customers. Default `0`. */
  changeMetadata?: number;
  /** Create N new customers. Default `0`. */
  create?: number;
  /** Delete N random customers. Default `0`. */
  delete?: number;
}

/** Ids of the customers a mutation touched. */
export interface MutateCustomersResult {
  renamed: string[];
  emailChanged: string[];
  metadataChanged: string[];
  created: string[];
  deleted: string[];
}

/** `{ id: null, idempotency_key: null }`: a change made outside the API (Dashboard). */
const OUTSIDE_API = Object.freeze({ id: null, idempotency_key: null });

function countOption(name: string, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number ≥ 0.`);
  }
  return value;
}

/**
 * Everything the sandbox knows: accounts and their data, keys, the clock,
 * runtime settings, request statistics and the webhook dispatcher. The HTTP
 * server, the control API and `startStripeSandbox`'s handle all act on it.
 */
export class SandboxState {
  readonly clock: SandboxClock;
  readonly seed: number | string;
  readonly apiVersion: string;
  readonly accounts = new Map<string, StripeAccount>();
  readonly keys = new ApiKeyRegistry();
  readonly stats = new RequestStats();
  readonly rateLimiter: LayeredRateLimiter;
  readonly faults: FaultInjector;
  readonly dispatcher: WebhookDispatcher;
  /** Connect OAuth codes and tokens. */
  readonly oauth: ConnectOAuth = new ConnectOAuth(this);
  /** Merchant traffic generators running, by id. */
  readonly merchantTraffic = new Map<string, MerchantTraffic>();
  #trafficCounter = 0;
  #config: SandboxConfig;
  #identity: SeededRandom;
  #mutations: SeededRandom;
  #accountCounter = 0;
  readonly #options: StripeSandboxOptions;
  #defaultAccount!: StripeAccount;
  #defaultCredentials!: AccountCredentials;
  #startEndpoints: Array<{ id: string; url: string; secret: string; enabledEvents: string[] }> = [];

  constructor(options: StripeSandboxOptions = {}) {
    this.#options = options;
    this.seed = options.seed ?? 42;
    this.apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
    const start =
      options.clock instanceof Date ? Math.floor(options.clock.getTime() / 1000) : options.clock;
    this.clock = new SandboxClock(start);
    this.#config = initialConfig(options);
    this.rateLimiter = new LayeredRateLimiter(this.#config.rateLimit);
    this.faults = new FaultInjector(this.#config.faults, this.seed);
    this.dispatcher = new WebhookDispatcher(
      this.clock,
      () => this.#config.webhookRetry,
      () => this.faults.duplicateWebhook(),
    );
    this.#identity = new SeededRandom(`${this.seed}:identity`);
    this.#mutations = new SeededRandom(`${this.seed}:mutations`);
    this.#populate(options.customers ?? 0);
  }

  /** Current runtime settings. */
  get config(): SandboxConfig {
    return this.#config;
  }

  /** The account created at start. */
  get defaultAccount(): StripeAccount {
    return this.#defaultAccount;
  }

  /** The default account's keys. */
  get defaultCredentials(): AccountCredentials {
    return this.#defaultCredentials;
  }

  /** Webhook endpoints created from the start options, with their secrets. */
  get startEndpoints(): ReadonlyArray<{
    id: string;
    url: string;
    secret: string;
    enabledEvents: string[];
  }> {
    return this.#startEndpoints;
  }

  /** Changes settings at run time. Throws `RangeError` on a bad value. */
  configure(patch: SandboxConfigPatch): SandboxConfig {
    const next = applyConfigPatch(this.#config, patch);
    if (next.rateLimit !== this.#config.rateLimit) this.rateLimiter.configure(next.rateLimit);
    this.faults.configure(next.faults);
    this.#config = next;
    return next;
  }

  /** A latency for one request, in ms. */
  latencyMs(): number {
    const latency: number | LatencyRange = this.#config.latency;
    if (typeof latency === 'number') return latency;
    return latency.min + Math.random() * (latency.max - latency.min);
  }

  /** An account by id. */
  account(id: string): StripeAccount | undefined {
    return this.accounts.get(id);
  }

  /** The account `id`, or the default account when `id` is undefined; throws when unknown. */
  requireAccount(id: string | undefined): StripeAccount {
    if (id === undefined) return this.#defaultAccount;
    const account = this.accounts.get(id);
    if (!account) throw new RangeError(`No such account: '${id}'.`);
    return account;
  }

  /** Creates an account with its own customers, events, endpoints and keys. */
  createAccount(options: CreateAccountOptions = {}): AccountCredentials {
    const n = ++this.#accountCounter;
    const id = options.id ?? createStripeId('account', this.#identity);
    if (!/^acct_[A-Za-z0-9]+$/.test(id))
      throw new RangeError(`Account ids look like acct_…; got '${id}'.`);
    if (this.accounts.has(id)) throw new RangeError(`Account '${id}' already exists.`);
    const livemode = options.livemode ?? false;
    const mode = livemode ? '_live_' : '_test_';
    const account = new StripeAccount({
      id,
      livemode,
      created: this.clock.now() - 400 * 24 * 3600,
      clientId: createStripeId('clientId', this.#identity),
      name: options.name ?? (n === 1 ? 'Referkit Sandbox' : `Sandbox account ${n}`),
      email: options.email ?? (n === 1 ? 'owner@referkit.test' : `owner+${n}@referkit.test`),
    });
    this.accounts.set(id, account);
    const secretKey =
      options.secretKey ?? createStripeId('secretKey', this.#identity).replace('_test_', mode);
    if (!new RegExp(`^sk${mode}[A-Za-z0-9]+$`).test(secretKey)) {
      this.accounts.delete(id);
      throw new RangeError(
        `Secret keys of ${livemode ? 'live' : 'test'}-mode accounts look like sk${mode} followed by letters and digits.`,
      );
    }
    if (this.keys.get(secretKey)) {
      this.accounts.delete(id);
      throw new RangeError('That secret key is already in use.');
    }
    const publishableKey = createStripeId('publishableKey', this.#identity).replace('_test_', mode);
    const created = this.clock.now();
    this.keys.add({
      secret: secretKey,
      kind: 'secret',
      accountId: id,
      permissions: FULL_ACCESS,
      name: 'Secret key',
      created,
      revoked: false,
    });
    this.keys.add({
      secret: publishableKey,
      kind: 'publishable',
      accountId: id,
      permissions: normalizePermissions(),
      name: 'Publishable key',
      created,
      revoked: false,
    });
    const customers = countOption('customers', options.customers);
    if (customers > 0) this.seedCustomers(id, customers, options.seed ?? `${this.seed}:${id}`);
    return {
      accountId: id,
      name: account.name,
      secretKey,
      publishableKey,
      clientId: account.clientId,
      livemode,
    };
  }

  /** Creates a restricted key (`rk_test_…`) with the given permissions. */
  createRestrictedKey(options: CreateRestrictedKeyOptions = {}): RestrictedKeyInfo {
    const account = this.requireAccount(options.account);
    const permissions = normalizePermissions(options.permissions);
    const key: ApiKey = {
      secret: createStripeId('restrictedKey', this.#identity).replace(
        '_test_',
        account.livemode ? '_live_' : '_test_',
      ),
      kind: 'restricted',
      accountId: account.id,
      permissions,
      name: options.name ?? 'Restricted key',
      created: this.clock.now(),
      revoked: false,
    };
    this.keys.add(key);
    return { secret: key.secret, account: account.id, name: key.name, permissions, revoked: false };
  }

  /**
   * Starts the merchant's own traffic through the HTTP server at `url`
   * (see {@link startMerchantTraffic}); it stays listed until stopped.
   */
  startMerchantTraffic(url: string, options: MerchantTrafficOptions): MerchantTraffic {
    const id = `mt_${++this.#trafficCounter}`;
    const traffic = startMerchantTraffic(id, url, this.#defaultCredentials.secretKey, options, () =>
      this.merchantTraffic.delete(id),
    );
    this.merchantTraffic.set(id, traffic);
    return traffic;
  }

  /** Stops every merchant traffic generator. */
  async stopMerchantTraffic(): Promise<void> {
    await Promise.all([...this.merchantTraffic.values()].map((t) => t.stop()));
  }

  /** Revokes any key (secret, restricted or OAuth token). False when unknown. */
  revokeKey(secret: string): boolean {
    return this.keys.revoke(secret);
  }

  /**
   * Adds `count` generated customers to an account, deterministic from
   * `seed`. Customers created or deleted within the last 30 days also get
   * their `customer.created` / `customer.deleted` events (not delivered:
   * they happened before now).
   */
  seedCustomers(accountId: string | undefined, count: number, seed?: number | string): number {
    const account = this.requireAccount(accountId);
    countOption('customers', count);
    const now = this.clock.now();
    const { records, deletions } = seedCustomers({
      count,
      seed: seed ?? this.seed,
      now,
      taken: (id) => account.customers.has(id),
    });
    account.customers.insertMany(records);
    const cutoff = now - EVENT_RETENTION_SECONDS;
    const past: NewEvent[] = [];
    const event = (type: string, record: CustomerRecord, created: number): NewEvent => ({
      id: createStripeId('event'),
      type,
      created,
      apiVersion: this.apiVersion,
      objectJson: record.json(),
      request: OUTSIDE_API,
      pendingWebhooks: 0,
    });
    for (const record of records) {
      if (record.created >= cutoff) past.push(event('customer.created', record, record.created));
    }
    for (const { record, at } of deletions) {
      if (at >= cutoff) past.push(event('customer.deleted', record, at));
    }
    past.sort((a, b) => a.created - b.created);
    for (const e of past) account.events.record(e).deliverySuccess = true;
    return records.length;
  }

  /** Records an event and delivers it to the webhook endpoints that want it. */
  readonly emit = (account: StripeAccount, input: EventInput): EventRecord => {
    const now = this.clock.now();
    account.events.prune(now);
    const targets = this.#webhookTargets(account, input.type);
    const record = account.events.record({
      id: createStripeId('event'),
      type: input.type,
      created: now,
      apiVersion: this.apiVersion,
      objectJson: input.objectJson,
      previousAttributes: input.previousAttributes ?? null,
      request: input.request,
      pendingWebhooks: targets.length,
    });
    record.deliverySuccess = targets.length === 0;
    this.dispatcher.dispatch(record, targets);
    return record;
  };

  /** Creates a webhook endpoint on an account. */
  createWebhookEndpoint(
    accountId: string | undefined,
    option: WebhookEndpointOption,
  ): WebhookEndpointRecord {
    const account = this.requireAccount(accountId);
    const endpoint = new WebhookEndpointRecord({
      id: createStripeId('webhookEndpoint'),
      created: this.clock.now(),
      secret: option.secret ?? createStripeId('webhookSecret'),
      url: option.url,
      enabledEvents: option.enabledEvents ?? ['*'],
      connect: option.connect ?? false,
      description: option.description ?? null,
    });
    account.webhookEndpoints.add(endpoint);
    return endpoint;
  }

  /**
   * Simulates changes made outside the kit (in the Dashboard, by other
   * integrations): renames, email and metadata changes, new and deleted
   * customers, on random live customers. Each change records its event
   * (`request.id` null) and is delivered to webhooks.
   */
  mutateCustomers(options: MutateCustomersOptions = {}): MutateCustomersResult {
    const account = this.requireAccount(options.account);
    const random = this.#mutations;
    const result: MutateCustomersResult = {
      renamed: [],
      emailChanged: [],
      metadataChanged: [],
      created: [],
      deleted: [],
    };
    const rename = countOption('rename', options.rename);
    const changeEmail = countOption('changeEmail', options.changeEmail);
    const changeMetadata = countOption('changeMetadata', options.changeMetadata);
    const create = countOption('create', options.create);
    const remove = countOption('delete', options.delete);
    const pickLive = (n: number): CustomerRecord[] => {
      const all = account.customers.all();
      const live = account.customers.size;
      const picked = new Set<CustomerRecord>();
      const want = Math.min(n, live);
      let guard = 0;
      while (picked.size < want && guard++ < want * 50 + 1000) {
        const record = all[random.int(0, all.length - 1)] as CustomerRecord;
        if (!record.deleted) picked.add(record);
      }
      if (picked.size < want) {
        for (const record of all) {
          if (picked.size >= want) break;
          if (!record.deleted) picked.add(record);
        }
      }
      return [...picked];
    };
    for (const record of pickLive(rename)) {
      let name: string | null = null;
      while (!name?.trim() || name === record.name) name = randomName(random).name;
      updateCustomer(this.emit, account, record, { name }, OUTSIDE_API);
      result.renamed.push(record.id);
    }
    for (const record of pickLive(changeEmail)) {
      const handle = record.name ? randomName(random).handle : '';
      updateCustomer(
        this.emit,
        account,
        record,
        { email: randomEmail(random, handle) },
        OUTSIDE_API,
      );
      result.emailChanged.push(record.id);
    }
    for (const record of pickLive(changeMetadata)) {
      const plans = SEED_DATA.plans.filter((p) => p !== record.metadata.plan);
      updateCustomer(
        this.emit,
        account,
        record,
        { metadata: { plan: random.pick(plans) } },
        OUTSIDE_API,
      );
      result.metadataChanged.push(record.id);
    }
    for (let i = 0; i < create; i++) {
      const { name, handle } = randomName(random);
      const record = createCustomer(
        this.emit,
        account,
        { name: name?.trim() ? name : null, email: randomEmail(random, handle) },
        this.clock.now(),
        OUTSIDE_API,
      );
      result.created.push(record.id);
    }
    for (const record of pickLive(remove)) {
      deleteCustomer(this.emit, account, record, OUTSIDE_API);
      result.deleted.push(record.id);
    }
    return result;
  }

  /**
   * Back to the state at start: accounts, keys, customers, events and
   * endpoints recreated from the start options (same ids and keys), clock,
   * statistics, rate-limit budgets and fault pattern reset. `customers`/`seed` override the
   * default account's seed data.
   */
  reset(options: { customers?: number; seed?: number | string } = {}): void {
    this.accounts.clear();
    this.keys.clear();
    this.oauth.clear();
    this.clock.reset();
    this.stats.reset();
    this.dispatcher.resetStats();
    this.faults.reset();
    this.rateLimiter.configure(this.#config.rateLimit);
    this.#identity = new SeededRandom(`${this.seed}:identity`);
    this.#mutations = new SeededRandom(`${this.seed}:mutations`);
    this.#accountCounter = 0;
    this.#populate(options.customers ?? this.#options.customers ?? 0, options.seed);
  }

  #populate(customers: number, seed?: number | string): void {
    const account: AccountOptions = this.#options.account ?? {};
    this.#defaultCredentials = this.createAccount({
      ...(account.id === undefined ? {} : { id: account.id }),
      ...(account.secretKey === undefined ? {} : { secretKey: account.secretKey }),
      ...(account.name === undefined ? {} : { name: account.name }),
      ...(account.email === undefined ? {} : { email: account.email }),
      ...(account.livemode === undefined ? {} : { livemode: account.livemode }),
    });
    this.#defaultAccount = this.requireAccount(this.#defaultCredentials.accountId);
    if (customers > 0) this.seedCustomers(undefined, customers, seed ?? this.seed);
    this.#startEndpoints = (this.#options.webhookEndpoints ?? []).map((option) => {
      const endpoint = this.createWebhookEndpoint(undefined, option);
      return {
        id: endpoint.id,
        url: endpoint.url,
        secret: endpoint.secret,
        enabledEvents: endpoint.enabledEvents,
      };
    });
  }

  #webhookTargets(account: StripeAccount, type: string): DeliveryTarget[] {
    const targets: DeliveryTarget[] = [];
    for (const endpoint of account.webhookEndpoints.all()) {
      if (!endpoint.connect && endpoint.wants(type)) targets.push({ endpoint });
    }
    for (const platformId of account.connectedPlatforms) {
      const platform = this.accounts.get(platformId);
      if (!platform) continue;
      for (const endpoint of platform.webhookEndpoints.all()) {
        if (endpoint.connect && endpoint.wants(type))
          targets.push({ endpoint, account: account.id });
      }
    }
    return targets;
  }
}
