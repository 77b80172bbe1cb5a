import { z } from 'zod';
import { metadataParam } from './metadata';
import { invalidRequest } from './stripe-error';
import {
  emptyableString,
  expandParam,
  limitParam,
  listParams,
  rangeFilterParam,
  stripeInteger,
  stripeString,
} from './stripe-params';

/** Stripe's length limits on customer fields. */
export const CUSTOMER_LIMITS = {
  name: 256,
  email: 512,
  description: 5000,
  phone: 20,
  businessName: 150,
  individualName: 150,
} as const;

/**
 * Customer parameters Stripe accepts that the sandbox does not model
 * (payment sources, tax, test clocks, cash balance, …). They are refused
 * with a message naming the sandbox instead of being silently dropped.
 */
export const UNSUPPORTED_CUSTOMER_PARAMS = [
  'cash_balance',
  'coupon',
  'default_source',
  'invoice_settings',
  'payment_method',
  'promotion_code',
  'source',
  'tax',
  'tax_id_data',
  'test_clock',
  'validate',
] as const;

const EMAIL_SHAPE = /^\s*[^\s@]+@[^\s@]+\.[^\s@]+\s*$/;

/** `email`: at most 512 characters and shaped like an address; `""` unsets it. */
export const emailParam = stripeString(CUSTOMER_LIMITS.email)
  .check((ctx) => {
    if (ctx.value !== '' && !EMAIL_SHAPE.test(ctx.value)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: 'invalid email',
        params: {
          stripeError: invalidRequest(`Invalid email address: ${ctx.value}`, {
            param: 'email',
            code: 'email_invalid',
          }),
        },
      });
    }
  })
  .transform((v) => (v === '' ? null : v));

const addressParam = z.strictObject({
  city: stripeString(200).optional(),
  country: stripeString(2).optional(),
  line1: stripeString(200).optional(),
  line2: stripeString(200).optional(),
  postal_code: stripeString(20).optional(),
  state: stripeString(200).optional(),
});

const shippingParam = z.strictObject({
  address: addressParam,
  name: stripeString(5000),
  phone: stripeString(20).optional(),
});

function emptyable<S extends z.ZodType>(schema: S) {
  return z.union([z.literal('').transform(() => null), schema]);
}

const localesParam = z
  .union([
    z.literal('').transform(() => [] as string[]),
    z.array(stripeString(20)),
    z.record(z.string(), stripeString(20)).transform((v) => Object.values(v)),
  ])
  .optional();

const customerFields = {
  address: emptyable(addressParam).optional(),
  balance: stripeInteger().optional(),
  business_name: emptyableString(CUSTOMER_LIMITS.businessName).optional(),
  description: emptyableString(CUSTOMER_LIMITS.description).optional(),
  email: emailParam.optional(),
  expand: expandParam.optional(),
  individual_name: emptyableString(CUSTOMER_LIMITS.individualName).optional(),
  invoice_prefix: z
    .string()
    .check((ctx) => {
      if (!/^[A-Z0-9]{3,12}$/.test(ctx.value)) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: 'Invoice prefix must be 3 to 12 uppercase letters or numbers.',
        });
      }
    })
    .optional(),
  metadata: metadataParam.optional(),
  name: emptyableString(CUSTOMER_LIMITS.name).optional(),
  next_invoice_sequence: stripeInteger({ min: 1 }).optional(),
  phone: emptyableString(CUSTOMER_LIMITS.phone).optional(),
  preferred_locales: localesParam,
  shipping: emptyable(shippingParam).optional(),
  tax_exempt: z
    .enum(['', 'none', 'exempt', 'reverse'])
    .transform((v) => (v === '' ? 'none' : v))
    .optional(),
};

/** `POST /v1/customers`. */
export const customerCreateParams = z.strictObject(customerFields);

/** `POST /v1/customers/:id` (the same fields; any subset). */
export const customerUpdateParams = z.strictObject(customerFields);

/** Parsed create/update parameters. */
export type CustomerWriteParams = z.output<typeof customerCreateParams>;

/** `GET /v1/customers/:id`. */
export const customerRetrieveParams = z.strictObject({ expand: expandParam.optional() });

/** `DELETE /v1/customers/:id`. */
export const customerDeleteParams = z.strictObject({});

/** `GET /v1/customers`. */
export const customerListParams = z.strictObject({
  ...listParams,
  created: rangeFilterParam.optional(),
  email: stripeString(CUSTOMER_LIMITS.email).optional(),
});

/** `GET /v1/customers/search`. */
export const customerSearchParams = z.strictObject({
  query: z.string(),
  limit: limitParam.optional(),
  page: z.string().optional(),
  expand: expandParam.optional(),
});
