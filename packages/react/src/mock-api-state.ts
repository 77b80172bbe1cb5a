import {
  API_ERROR_MESSAGES,
  buildReferralLink,
  type Campaign,
  createDefaultSyncConfig,
  createReferrerDraft,
  decideReferrerChange,
  type Integration,
  type IntegrationConnection,
  mergeStripeUpdates,
  nextScheduleRun,
  normalizeEmail,
  type Referrer,
  type ReferrerDraft,
  type ReferrerInput,
  type ReferrerSource,
  type StripeCustomerUpdate,
  type StripeMode,
  type StripeRecord,
  type Sync,
  type SyncConfig,
  type SyncOutcome,
  type SyncRun,
  type SyncRunCounts,
  type SyncRunProgress,
  syncMappingChanged,
  toReferrerDraft,
  toStripeRemoval,
  toStripeUpdate,
} from '@referkit/core';
import { createMockStripeAccount, type MockStripeAccount } from './create-mock-stripe-account';
import {
  MOCK_CAMPAIGN,
  MOCK_OTHER_INTEGRATIONS,
  MOCK_REFERRERS,
  MOCK_STRIPE_KEY,
  MOCK_STRIPE_RECORDS,
  type MockCampaignSeed,
  type MockReferrerSeed,
} from './mock-api-seed';

/** The mock's Stripe account. */
export interface MockStripeOptions {
  /** Connection status at start. Default: `'not_connected'`. */
  status?: 'not_connected' | 'connected' | 'error' | undefined;
  /** Mode of the seeded connection. Default: `'test'`. */
  mode?: StripeMode | undefined;
  /** Default: `'Acme Inc'`. */
  accountName?: string;
  /**
   * The only key `connectStripe` accepts (its prefix sets the mode). Other
   * well-formed keys get `stripe_key_rejected`. Default: {@link MOCK_STRIPE_KEY}.
   */
  acceptKey?: string;
  /** A key Stripe accepts but that lacks Customers write (`stripe_key_missing_permissions`). Default: none. */
  limitedKey?: string;
  /** Whether "Connect with Stripe" (OAuth) is offered. Default: `false`. */
  oauth?: boolean;
  /** How customer events reach the kit once connected. Default: `'registered'`. */
  webhook?: IntegrationConnection['webhook'];
  /** The account's customers. Default: {@link MOCK_STRIPE_RECORDS} (odd names and records to skip). */
  records?: readonly StripeRecord[];
  /**
   * A live account to read the customers from instead of `records`, changed
   * while a test runs (see `createMockStripeAccount`). Default: none.
   */
  account?: MockStripeAccount;
  /** Records whose write-back Stripe refuses (outcome `failed`). Default: `['cus_MockFelix']`. */
  failingRecordIds?: readonly string[];
}

/** A sync to seed the mock with. */
export interface MockSyncSeed {
  /** Default: `sync_<n>`. */
  id?: string;
  /** Default: the first campaign. */
  campaignId?: string;
  /** Default: `createDefaultSyncConfig()`. */
  config?: SyncConfig;
  /**
   * The state of its runs: `running` (a run part-way through, advancing on
   * each `getSync`), `completed` (one finished run — its referrers exist),
   * `failed` (the last run failed), `none` (never run). Default: `'completed'`.
   */
  run?: 'running' | 'completed' | 'failed' | 'none';
  /** Pause an ongoing sync. Default: `false`. */
  paused?: boolean;
}

/** What the mock's in-memory account starts with. */
export interface MockStateOptions {
  stripe?: MockStripeOptions;
  /** Integrations listed after Stripe. Default: {@link MOCK_OTHER_INTEGRATIONS} ("Coming soon"). */
  otherIntegrations?: readonly Integration[];
  /** Default: `[MOCK_CAMPAIGN]`. */
  campaigns?: readonly MockCampaignSeed[];
  /** Default: {@link MOCK_REFERRERS} (in the first campaign; none without campaigns). */
  referrers?: readonly MockReferrerSeed[];
  /** Seed an API key with this secret (it must start with `refk_`). Default: no key yet. */
  apiKeySecret?: string;
  /** Default: none. */
  syncs?: readonly MockSyncSeed[];
  /**
   * How many `getSync` calls a run takes to finish; `Infinity` keeps runs
   * running forever (for a still "running" story). Default: `3`.
   */
  pollsPerRun?: number;
  /** The clock. Default: `() => new Date()`. */
  now?: () => Date;
}

interface MockRun {
  run: SyncRun;
  outcomes: SyncOutcome[];
  /** Records still to process. */
  queue: StripeRecord[];
  /** The configuration the run maps with. */
  config: SyncConfig;
  /** The Stripe account's version when the run started: the next incremental run reads from here. */
  cursor: number;
  chunk: number;
}

interface MockSync {
  sync: Omit<Sync, 'currentRun' | 'lastRun'>;
  /** Newest first; the first may be in progress. */
  runs: MockRun[];
  /** What the sync wrote to each Stripe record (for deleting it with `removeLinks`). */
  written: Map<string, StripeCustomerUpdate>;
}

const STRIPE_ACCOUNT_ID = 'acct_1MockReferkit';

const EMPTY_COUNTS: SyncRunCounts = {
  seen: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
  writtenBack: 0,
};

/** The write pace the mock reports: Stripe's per-endpoint limit (docs.stripe.com/rate-limits). */
const MOCK_WRITES_PER_SECOND = 25;

/**
 * The mock API's in-memory account: integrations, campaigns, referrers, the
 * API key, syncs and a small sync engine that applies core's mapping rules
 * (`toReferrerDraft`, `toStripeUpdate`) to the seeded Stripe records.
 */
export function createMockState(options: MockStateOptions = {}) {
  const now = options.now ?? (() => new Date());
  const iso = () => now().toISOString();
  const stripeOptions = options.stripe ?? {};
  const acceptKey = stripeOptions.acceptKey ?? MOCK_STRIPE_KEY;
  const failingRecordIds = new Set(stripeOptions.failingRecordIds ?? ['cus_MockFelix']);
  const pollsPerRun = options.pollsPerRun ?? 3;
  const counters = new Map<string, number>();
  const nextId = (prefix: string) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}_${n}`;
  };

  const account =
    stripeOptions.account ?? createMockStripeAccount(stripeOptions.records ?? MOCK_STRIPE_RECORDS);
  const records: StripeRecord[] = account.records;

  const stripeStatus = stripeOptions.status ?? 'not_connected';
  const stripe: Integration = {
    id: 'stripe',
    name: 'Stripe',
    category: 'payment',
    available: true,
    status: stripeStatus,
    connection: null,
    error: null,
    oauthAvailable: stripeOptions.oauth ?? false,
  };
  const connect = (mode: StripeMode, method: 'key' | 'oauth') => {
    stripe.status = 'connected';
    stripe.error = null;
    stripe.connection = {
      externalAccountId: STRIPE_ACCOUNT_ID,
      accountName: stripeOptions.accountName ?? 'Acme Inc',
      mode,
      method,
      connectedAt: iso(),
      webhook: stripeOptions.webhook ?? 'registered',
    };
  };
  if (stripeStatus !== 'not_connected') {
    connect(stripeOptions.mode ?? 'test', 'key');
    // A connection in error keeps its account (the key was saved) but says why it fails.
    if (stripeStatus === 'error') {
      stripe.status = 'error';
      stripe.error =
        'Stripe no longer accepts the saved key (it may have been revoked). Connect again.';
    }
  }
  const otherIntegrations = options.otherIntegrations ?? MOCK_OTHER_INTEGRATIONS;

  const campaigns = new Map<string, Omit<Campaign, 'referrerCount'>>();
  const addCampaign = (seed: MockCampaignSeed) => {
    const campaign = {
      id: seed.id,
      name: seed.name,
      linkBaseUrl: seed.linkBaseUrl ?? `https://refer.example.com/${seed.id}`,
      createdAt: seed.createdAt ?? iso(),
    };
    campaigns.set(campaign.id, campaign);
    return campaign;
  };
  for (const seed of options.campaigns ?? [MOCK_CAMPAIGN]) addCampaign(seed);
  const firstCampaignId = () => campaigns.keys().next().value ?? MOCK_CAMPAIGN.id;

  /** Every referrer, newest first. */
  const referrers: Referrer[] = [];
  let codeCounter = 0;
  const addReferrer = (
    campaignId: string,
    draft: ReferrerDraft,
    source: ReferrerSource,
    extra: Partial<
      Pick<Referrer, 'externalId' | 'referralsCount' | 'convertedReferralsCount'>
    > = {},
  ): Referrer => {
    const campaign = campaigns.get(campaignId);
    if (!campaign) throw new Error(`Mock API seed: no campaign "${campaignId}".`);
    codeCounter += 1;
    const referralCode = `rk${String(codeCounter).padStart(8, '0')}`;
    const at = iso();
    const referrer: Referrer = {
      id: nextId('ref'),
      campaignId,
      firstName: draft.firstName,
      lastName: draft.lastName,
      email: draft.email,
      company: draft.company,
      referralCode,
      referralLink: buildReferralLink(campaign.linkBaseUrl, referralCode),
      referralsCount: extra.referralsCount ?? 0,
      convertedReferralsCount: extra.convertedReferralsCount ?? 0,
      source,
      externalId: extra.externalId ?? null,
      createdAt: at,
      updatedAt: at,
    };
    referrers.unshift(referrer);
    return referrer;
  };
  /** A referrer as core's rules see it, carrying the referrer. */
  const stateOf = (referrer: Referrer) => ({
    email: referrer.email,
    emailKey: normalizeEmail(referrer.email),
    firstName: referrer.firstName,
    lastName: referrer.lastName,
    company: referrer.company,
    externalId: referrer.externalId,
    referrer,
  });
  const findByEmail = (campaignId: string, email: string) => {
    const key = normalizeEmail(email);
    return referrers.find((r) => r.campaignId === campaignId && normalizeEmail(r.email) === key);
  };
  for (const seed of options.referrers ?? (campaigns.size > 0 ? MOCK_REFERRERS : [])) {
    const result = createReferrerDraft(seed);
    if (!result.ok) throw new Error(`Mock API seed referrer ${seed.email}: ${result.skip.message}`);
    addReferrer(seed.campaignId ?? firstCampaignId(), result.draft, seed.source ?? 'manual', {
      externalId: seed.externalId ?? null,
      referralsCount: seed.referralsCount ?? 0,
      convertedReferralsCount: seed.convertedReferralsCount ?? 0,
    });
  }

  let apiKey: { secret: string; createdAt: string; lastUsedAt: string | null } | null =
    options.apiKeySecret
      ? { secret: options.apiKeySecret, createdAt: iso(), lastUsedAt: null }
      : null;

  const syncs = new Map<string, MockSync>();

  /** Stripe lists newest first and never returns deleted customers. */
  const listedRecords = () =>
    records.filter((r) => !r.deleted).sort((a, b) => (b.created ?? 0) - (a.created ?? 0));

  const nextRunAt = (sync: MockSync['sync']): string | null => {
    if (sync.config.syncType !== 'ongoing' || sync.status === 'paused') return null;
    if (sync.status === 'deleting') return null;
    // Core's one reading of the schedule, as the server's scheduler uses.
    return nextScheduleRun(sync.config.schedule, now())?.toISOString() ?? null;
  };

  /** Applies the sync's rules to one record, as the real engine does. */
  const processRecord = (entry: MockSync, run: MockRun, record: StripeRecord) => {
    // The version the run started with: an edit during the run applies to the next one.
    const { config } = run;
    const { campaignId } = entry.sync;
    const counts = run.run.counts;
    counts.seen += 1;
    const draft = toReferrerDraft(record, config);
    const name = record.name ?? null;
    const outcome: SyncOutcome = {
      id: nextId('out'),
      runId: run.run.id,
      externalId: record.id,
      outcome: 'skipped',
      reasonCode: null,
      message: null,
      referrerId: null,
      email: record.email ?? null,
      name,
      writtenBack: false,
      createdAt: iso(),
    };
    run.outcomes.push(outcome);
    const own =
      referrers.find((r) => r.campaignId === campaignId && r.externalId === record.id) ?? null;
    const byEmail = draft.ok ? (findByEmail(campaignId, draft.draft.email) ?? null) : null;
    // The server's rule: core's decideReferrerChange over the campaign's referrers.
    const change = decideReferrerChange({
      externalId: record.id,
      result: draft,
      own: own && stateOf(own),
      byEmail: byEmail && stateOf(byEmail),
    });
    const referrer =
      change.outcome === 'created' && change.draft
        ? addReferrer(campaignId, change.draft, 'sync', { externalId: record.id })
        : change.referrer?.referrer;
    outcome.outcome = change.outcome;
    outcome.reasonCode = change.reasonCode;
    outcome.message = change.message;
    outcome.referrerId = referrer?.id ?? null;
    if (change.duplicateOf) outcome.duplicateOf = change.duplicateOf;
    counts[change.outcome] += 1;
    if (change.outcome === 'skipped' || !referrer) return;
    if (change.write && change.outcome !== 'created') {
      Object.assign(referrer, {
        firstName: change.write.firstName,
        lastName: change.write.lastName,
        company: change.write.company,
        externalId: change.write.externalId,
        ...(change.write.touch ? { updatedAt: iso() } : {}),
      });
    }
    const update = toStripeUpdate(referrer, record, config);
    if (update && failingRecordIds.has(record.id)) {
      // Stripe refuses the write-back: the referrer stays, the outcome fails (as on the server).
      counts[change.outcome] -= 1;
      counts.failed += 1;
      outcome.outcome = 'failed';
      outcome.reasonCode = 'stripe_error';
      outcome.message = API_ERROR_MESSAGES.writeBackRefused(
        `the customer ${record.id} is locked by another request.`,
      );
      return;
    }
    if (update) {
      const { metadata, ...fields } = update;
      Object.assign(record, fields);
      if (metadata) record.metadata = { ...record.metadata, ...metadata };
      const before = entry.written.get(record.id);
      entry.written.set(record.id, before ? mergeStripeUpdates([before, update]) : update);
      outcome.writtenBack = true;
      counts.writtenBack += 1;
    }
  };

  /** One step of deleting a sync with `removeLinks`: take off one customer what the sync wrote. */
  const removeLinks = (entry: MockSync, run: MockRun, record: StripeRecord) => {
    const counts = run.run.counts;
    counts.seen += 1;
    const written = entry.written.get(record.id);
    const removal = written ? toStripeRemoval(written, record.deleted ? null : record) : null;
    if (record.deleted) {
      counts.skipped += 1;
      return;
    }
    if (!removal) {
      counts.unchanged += 1;
      return;
    }
    const { metadata, ...fields } = removal;
    for (const [field, value] of Object.entries(fields)) {
      if (value === '') Object.assign(record, { [field]: null });
    }
    if (metadata && record.metadata) {
      const next = { ...record.metadata };
      for (const key of Object.keys(metadata)) delete next[key];
      record.metadata = next;
    }
    counts.updated += 1;
    counts.writtenBack += 1;
  };

  const finishRun = (
    entry: MockSync,
    run: MockRun,
    status: 'completed' | 'failed' | 'cancelled',
  ) => {
    run.run.status = status;
    run.run.finishedAt = iso();
    run.queue = [];
    if (run.run.mode === 'remove_links' && status === 'completed') {
      syncs.delete(entry.sync.id);
      return;
    }
    if (status === 'failed') {
      entry.sync.status = 'failing';
      entry.sync.statusReason = run.run.error;
      entry.sync.statusCode = 'run_failed';
    } else if (entry.sync.status !== 'paused') {
      entry.sync.status = entry.sync.config.syncType === 'one_time' ? 'completed' : 'active';
      entry.sync.statusReason = null;
      entry.sync.statusCode = null;
    }
    entry.sync.nextRunAt = nextRunAt(entry.sync);
    entry.sync.updatedAt = iso();
  };

  /** One step of a run in progress: queued → running, then a chunk of records. */
  const advance = (entry: MockSync, steps = 1) => {
    for (let step = 0; step < steps; step++) {
      const run = entry.runs[0];
      if (!run || (run.run.status !== 'queued' && run.run.status !== 'running')) return;
      if (run.run.status === 'queued') {
        run.run.status = 'running';
        run.run.startedAt = iso();
      }
      if (!Number.isFinite(run.chunk)) return;
      const step = run.run.mode === 'remove_links' ? removeLinks : processRecord;
      for (const record of run.queue.splice(0, run.chunk)) step(entry, run, record);
      if (run.queue.length === 0) finishRun(entry, run, 'completed');
    }
  };

  const startRun = (entry: MockSync, trigger: SyncRun['trigger']): MockRun => {
    const removing = trigger === 'delete';
    // As the server: an ongoing sync follows Stripe's events from its last completed run,
    // unless the mapping changed since (then every customer is read again).
    const last = entry.runs.find(
      (r) => r.run.status === 'completed' && r.run.mode !== 'remove_links',
    );
    const incremental =
      !removing &&
      entry.sync.config.syncType === 'ongoing' &&
      last !== undefined &&
      !syncMappingChanged(last.config, entry.sync.config);
    // A full run lists the customers, and Stripe's list never returns a deleted one;
    // an incremental run takes the customers changed since, deleted ones included.
    const queue = (
      removing
        ? records.filter((r) => entry.written.has(r.id))
        : incremental
          ? account.changedSince(last.cursor)
          : records.filter((r) => !r.deleted)
    ).sort((a, b) => (b.created ?? 0) - (a.created ?? 0));
    const run: MockRun = {
      run: {
        id: nextId('run'),
        syncId: entry.sync.id,
        trigger,
        mode: removing ? 'remove_links' : incremental ? 'incremental' : 'full',
        status: 'queued',
        counts: { ...EMPTY_COUNTS },
        configVersion: entry.sync.configVersion,
        note: null,
        error: null,
        createdAt: iso(),
        startedAt: null,
        finishedAt: null,
      },
      outcomes: [],
      queue,
      config: entry.sync.config,
      cursor: account.version,
      chunk: Number.isFinite(pollsPerRun)
        ? Math.max(1, Math.ceil(queue.length / Math.max(1, pollsPerRun)))
        : Number.POSITIVE_INFINITY,
    };
    entry.runs.unshift(run);
    if (removing) entry.sync.status = 'deleting';
    else if (entry.sync.status !== 'paused') entry.sync.status = 'active';
    entry.sync.updatedAt = iso();
    return run;
  };

  const addSync = (campaignId: string, config: SyncConfig, id = nextId('sync')): MockSync => {
    const at = iso();
    const entry: MockSync = {
      sync: {
        id,
        campaignId,
        integrationId: 'stripe',
        config,
        configVersion: 1,
        status: 'active',
        statusReason: null,
        statusCode: null,
        nextRunAt: null,
        createdAt: at,
        updatedAt: at,
      },
      runs: [],
      written: new Map(),
    };
    entry.sync.nextRunAt = nextRunAt(entry.sync);
    syncs.set(id, entry);
    return entry;
  };

  for (const seed of options.syncs ?? []) {
    const entry = addSync(
      seed.campaignId ?? firstCampaignId(),
      seed.config ?? createDefaultSyncConfig(),
      seed.id,
    );
    if (seed.paused) {
      entry.sync.status = 'paused';
      entry.sync.nextRunAt = null;
    }
    const state = seed.run ?? 'completed';
    if (state === 'none') continue;
    const run = startRun(entry, 'initial');
    if (state === 'running') {
      const half = Math.ceil(run.queue.length / 2);
      run.run.status = 'running';
      run.run.startedAt = iso();
      for (const record of run.queue.splice(0, half)) processRecord(entry, run, record);
    } else if (state === 'completed') {
      for (const record of run.queue.splice(0)) processRecord(entry, run, record);
      finishRun(entry, run, 'completed');
    } else {
      run.run.startedAt = iso();
      run.run.error =
        'Stripe rejected the API key: it was revoked. Connect Stripe again to resume syncing.';
      finishRun(entry, run, 'failed');
    }
  }

  /**
   * The run's two phases as the engine reports them. The mock knows every
   * record from the start (as a server does from the previous full run), writes
   * each link back as it reads the record, and paces like Stripe's 25 writes/s.
   */
  const progressOf = ({ run, queue }: MockRun): SyncRunProgress => {
    const done = run.status !== 'queued' && run.status !== 'running';
    const written = run.counts.writtenBack;
    return {
      phase: done
        ? 'done'
        : queue.length > 0 || run.status === 'queued'
          ? 'reading'
          : 'writing_back',
      recordsRead: run.counts.seen,
      recordsTotal: run.counts.seen + queue.length,
      writeBacksPlanned: written,
      writeBacksDone: written,
      writesPerSecond: done ? null : MOCK_WRITES_PER_SECOND,
      estimatedSecondsRemaining: done ? 0 : Math.ceil(queue.length / MOCK_WRITES_PER_SECOND),
    };
  };

  const toSync = (entry: MockSync): Sync => {
    const [first] = entry.runs;
    const inProgress = first && (first.run.status === 'queued' || first.run.status === 'running');
    const last = entry.runs.find((r) => r !== (inProgress ? first : undefined));
    const copy = (run: MockRun | undefined): SyncRun | null =>
      run ? { ...run.run, counts: { ...run.run.counts }, progress: progressOf(run) } : null;
    return {
      ...entry.sync,
      currentRun: inProgress ? copy(first) : null,
      lastRun: copy(last),
    };
  };

  return {
    now,
    iso,
    stripe,
    acceptKey,
    limitedKey: stripeOptions.limitedKey,
    records,
    listedRecords,
    connect,
    disconnect() {
      stripe.status = 'not_connected';
      stripe.connection = null;
      stripe.error = null;
    },
    integrations: (): Integration[] => [stripe, ...otherIntegrations],
    campaigns,
    addCampaign,
    toCampaign: (campaign: Omit<Campaign, 'referrerCount'>): Campaign => ({
      ...campaign,
      referrerCount: referrers.filter((r) => r.campaignId === campaign.id).length,
    }),
    referrers,
    addReferrer,
    findByEmail,
    /** Adds a referrer from raw values that passed `createReferrerDraft`. */
    addDraft(campaignId: string, input: ReferrerInput, source: ReferrerSource): Referrer {
      const result = createReferrerDraft(input);
      if (!result.ok) throw new Error(result.skip.message);
      return addReferrer(campaignId, result.draft, source);
    },
    getApiKey: () => apiKey,
    rotateApiKey() {
      const n = (counters.get('apikey') ?? 0) + 1;
      counters.set('apikey', n);
      apiKey = {
        secret: `refk_mock${String(n).padStart(4, '0')}_7c1e9a54b3d2f86e0a1b`,
        createdAt: iso(),
        lastUsedAt: null,
      };
      return apiKey;
    },
    checkApiKey(secret: string) {
      if (!apiKey || apiKey.secret !== secret) return false;
      apiKey.lastUsedAt = iso();
      return true;
    },
    syncs,
    addSync,
    startRun,
    advance,
    finishRun,
    /** Records a change to a sync's settings. */
    touch(entry: MockSync) {
      entry.sync.updatedAt = iso();
      entry.sync.nextRunAt = nextRunAt(entry.sync);
    },
    toSync,
  };
}

/** The mock's in-memory account. */
export type MockState = ReturnType<typeof createMockState>;
export type { MockRun, MockSync };
