import { z } from 'zod';
import { objectTypeSchema } from './sync-config';

/** Where an integration sits on the Sync screen. */
export const INTEGRATION_CATEGORY_IDS = ['payment', 'crm', 'email_marketing'] as const;
/** An integration category id. */
export const integrationCategorySchema = z.enum(INTEGRATION_CATEGORY_IDS);
/** An integration category id: `payment`, `crm` or `email_marketing`. */
export type IntegrationCategory = z.infer<typeof integrationCategorySchema>;

/** Stripe's two modes. */
export const stripeModeSchema = z.enum(['test', 'live']);
/** `test` or `live`. */
export type StripeMode = z.infer<typeof stripeModeSchema>;

/** A live connection to an integration account. */
export const integrationConnectionSchema = z.object({
  /** The integration's own account id, e.g. Stripe's `acct_…`. */
  externalAccountId: z.string(),
  accountName: z.string(),
  mode: stripeModeSchema,
  method: z.enum(['key', 'oauth']),
  connectedAt: z.iso.datetime(),
  /** Whether customer events reach the kit by webhook (ongoing syncs land within seconds). */
  webhook: z.enum(['registered', 'manual', 'none']),
});

/** An integration as the Sync screen lists it. */
export const integrationSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: integrationCategorySchema,
  /** `false` for integrations shown as "Coming soon": never clickable. */
  available: z.boolean(),
  status: z.enum(['not_connected', 'connected', 'error']),
  connection: integrationConnectionSchema.nullable(),
  /** Why the connection is in `error` (e.g. the key was revoked); otherwise `null`. */
  error: z.string().nullable(),
  /** Whether the host configured OAuth ("Connect with Stripe") for this integration. */
  oauthAvailable: z.boolean(),
});
/** An integration as the Sync screen lists it. */
export type Integration = z.infer<typeof integrationSchema>;
/** A live connection to an integration account. */
export type IntegrationConnection = z.infer<typeof integrationConnectionSchema>;

/** `GET /integrations` response. */
export const listIntegrationsResponseSchema = z.object({
  integrations: z.array(integrationSchema),
});

/**
 * The integrations the Sync screen lists as "Coming soon" beside Stripe
 * (`available: false`, never clickable), so the server and the mock API list
 * the same ones.
 */
export const COMING_SOON_INTEGRATIONS: readonly Pick<Integration, 'id' | 'name' | 'category'>[] = [
  { id: 'paypal', name: 'PayPal', category: 'payment' },
  { id: 'hubspot', name: 'HubSpot', category: 'crm' },
  { id: 'salesforce', name: 'Salesforce', category: 'crm' },
  { id: 'pipedrive', name: 'Pipedrive', category: 'crm' },
  { id: 'mailchimp', name: 'Mailchimp', category: 'email_marketing' },
  { id: 'klaviyo', name: 'Klaviyo', category: 'email_marketing' },
];

/** Connect Stripe by pasting a secret (`sk_`) or restricted (`rk_`) key. */
export const connectStripeRequestSchema = z.object({
  mode: stripeModeSchema,
  secretKey: z.string().trim().min(1, 'Paste your Stripe secret or restricted key.'),
});
/** A `POST /integrations/stripe/connect` body. */
export type ConnectStripeRequest = z.infer<typeof connectStripeRequestSchema>;

/** What a Stripe API key's prefix says about it. */
export interface StripeKeyInfo {
  /** `secret` for `sk_` keys, `restricted` for `rk_` keys. */
  kind: 'secret' | 'restricted';
  mode: StripeMode;
}

const STRIPE_KEY_FORMAT = /^(sk|rk)_(test|live)_[0-9A-Za-z]{8,}$/;

/**
 * Reads a pasted Stripe key's kind and mode from its prefix (`sk_test_`,
 * `sk_live_`, `rk_test_`, `rk_live_`), or `null` when it does not have the
 * shape of a secret or restricted key (a publishable `pk_` key, say). The
 * server answers `stripe_key_invalid_format` for `null` and
 * `stripe_key_mode_mismatch` when the mode differs from the one chosen; the
 * connect dialog can say so as the user types. Surrounding white space is ignored.
 */
export function parseStripeKey(key: string): StripeKeyInfo | null {
  const match = STRIPE_KEY_FORMAT.exec(key.trim());
  if (!match) return null;
  return { kind: match[1] === 'sk' ? 'secret' : 'restricted', mode: match[2] as StripeMode };
}

/** Response carrying one integration. */
export const integrationResponseSchema = z.object({ integration: integrationSchema });

/** Where to send the browser to connect with Stripe OAuth. */
export const oauthStartResponseSchema = z.object({ url: z.url() });

/** An object type a connected integration offers. */
export const objectTypeSummarySchema = z.object({
  id: objectTypeSchema,
  label: z.string(),
  description: z.string(),
});
/** `GET /integrations/stripe/object-types` response. */
export const listObjectTypesResponseSchema = z.object({
  objectTypes: z.array(objectTypeSummarySchema),
});

/** A field of an object type (see `StripeFieldDefinition`). */
export const stripeFieldSchema = z.object({
  path: z.string(),
  label: z.string(),
  kind: z.enum(['standard', 'metadata']),
  type: z.enum(['id', 'string', 'email', 'phone', 'timestamp']),
  writable: z.boolean(),
  maxLength: z.number().int().nullable(),
});
/** `GET …/object-types/:objectType/fields` response: standard and discovered metadata fields. */
export const listFieldsResponseSchema = z.object({ fields: z.array(stripeFieldSchema) });

/** A real record for the name preview. */
export const stripeRecordSchema = z.object({
  id: z.string(),
  object: z.string().optional(),
  deleted: z.boolean().optional(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  description: z.string().nullish(),
  phone: z.string().nullish(),
  created: z.number().optional(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
/** `GET …/object-types/:objectType/samples` response: recent records for the name preview. */
export const listSamplesResponseSchema = z.object({ records: z.array(stripeRecordSchema) });
