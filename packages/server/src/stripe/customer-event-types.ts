/**
 * The Stripe events an ongoing sync follows, both from `GET /v1/events` and as
 * webhooks (https://docs.stripe.com/api/events/types).
 */
export const CUSTOMER_EVENT_TYPES = ['customer.created', 'customer.updated', 'customer.deleted'];

/** How long Stripe keeps events, in seconds: 30 days (https://docs.stripe.com/api/events/list). */
export const EVENT_RETENTION_SECONDS = 30 * 24 * 3600;
