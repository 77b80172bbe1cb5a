import { CustomerStore } from './customer-store';
import { EventLog } from './event-log';
import { IdempotencyCache } from './idempotency-cache';
import { WebhookEndpointStore } from './webhook-endpoint-store';

/** PaymentIntents an account keeps; older ones are forgotten (404), keeping memory flat under merchant traffic. */
export const MAX_PAYMENT_INTENTS = 10_000;

/**
 * One Stripe account: its own customers, events, webhook endpoints and
 * idempotency keys. Accounts never see each other's data; a Connect platform
 * reaches a connected account only through an OAuth token or `Stripe-Account`.
 */
export class StripeAccount {
  readonly id: string;
  readonly created: number;
  /** Connect `client_id` (`ca_…`) for platforms using OAuth. */
  readonly clientId: string;
  /** A live-mode account: its keys are `sk_live_…`/`rk_live_…` and get live-mode rate limits. */
  readonly livemode: boolean;
  name: string;
  email: string;
  readonly customers: CustomerStore;
  readonly events: EventLog;
  readonly webhookEndpoints: WebhookEndpointStore;
  readonly idempotency = new IdempotencyCache();
  /** PaymentIntents created through the API (the latest {@link MAX_PAYMENT_INTENTS}), id → JSON. */
  readonly paymentIntents = new Map<string, string>();
  /** Platforms (account ids) this account has connected to through OAuth. */
  readonly connectedPlatforms = new Set<string>();

  constructor(fields: {
    id: string;
    created: number;
    clientId: string;
    name: string;
    email: string;
    livemode?: boolean;
  }) {
    this.id = fields.id;
    this.created = fields.created;
    this.clientId = fields.clientId;
    this.livemode = fields.livemode ?? false;
    this.customers = new CustomerStore(this.livemode);
    this.events = new EventLog(this.livemode);
    this.webhookEndpoints = new WebhookEndpointStore(this.livemode);
    this.name = fields.name;
    this.email = fields.email;
  }

  /** The `account` object Stripe returns from `GET /v1/account`. */
  toObject() {
    return {
      id: this.id,
      object: 'account' as const,
      business_profile: {
        mcc: null,
        name: this.name,
        product_description: null,
        support_address: null,
        support_email: this.email,
        support_phone: null,
        support_url: null,
        url: null,
      },
      business_type: 'company',
      capabilities: {},
      charges_enabled: true,
      controller: { type: 'account' as const },
      country: 'US',
      created: this.created,
      default_currency: 'usd',
      details_submitted: true,
      email: this.email,
      metadata: {},
      payouts_enabled: true,
      settings: {
        dashboard: { display_name: this.name, timezone: 'Etc/UTC' },
      },
      type: 'standard' as const,
    };
  }
}
