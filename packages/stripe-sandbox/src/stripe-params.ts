import qs from 'qs';
import { z } from 'zod';
import { invalidRequest, missingParameter, StripeApiError, unknownParameter } from './stripe-error';

/** Parameters as decoded from Stripe's bracket form encoding. */
export type RawParams = Record<string, unknown>;

/**
 * Decodes a query string or `application/x-www-form-urlencoded` body the way
 * Stripe does: `metadata[plan]=pro` → `{ metadata: { plan: 'pro' } }`,
 * `expand[0]=a` / `expand[]=a` → `{ expand: ['a'] }`.
 */
export function parseForm(text: string): RawParams {
  if (text === '') return {};
  if (!text.includes('[') && !/%5b/i.test(text)) {
    // Flat parameters (most GET queries): no bracket decoding needed.
    return Object.fromEntries(new URLSearchParams(text));
  }
  return qs.parse(text, {
    depth: 5,
    arrayLimit: 100,
    parameterLimit: 2000,
    allowPrototypes: false,
  }) as RawParams;
}

/** `a.b.c` path → Stripe's `a[b][c]` parameter name. */
export function paramName(path: ReadonlyArray<PropertyKey>): string {
  const [head, ...rest] = path.map(String);
  return (head ?? '') + rest.map((p) => `[${p}]`).join('');
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = raw;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function issueToError(issue: z.core.$ZodIssue, raw: RawParams): StripeApiError {
  const param = paramName(issue.path);
  const input = valueAt(raw, issue.path);
  if (issue.code === 'custom' && issue.params?.stripeError instanceof StripeApiError) {
    const error = issue.params.stripeError as StripeApiError;
    if (error.body.param === undefined && param) error.body.param = param;
    return error;
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      return unknownParameter(param ? `${param}[${key}]` : key);
    }
    case 'invalid_type':
      if (input === undefined) return missingParameter(param);
      if (issue.expected === 'object' || issue.expected === 'record') {
        return invalidRequest('Invalid object', { param });
      }
      if (issue.expected === 'array') return invalidRequest('Invalid array', { param });
      return invalidRequest(`Invalid ${issue.expected}: ${shown(input)}`, { param });
    case 'invalid_union':
      if (input === undefined) return missingParameter(param);
      return invalidRequest(`Invalid value for ${param}: ${shown(input)}`, { param });
    case 'invalid_value':
      return invalidRequest(
        `Invalid ${param}: must be one of ${issue.values.map((v) => String(v)).join(', ')}`,
        { param },
      );
    case 'too_big':
      return invalidRequest(
        `Invalid ${param}: must be at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : ''}`,
        { param },
      );
    case 'too_small':
      return invalidRequest(
        `Invalid ${param}: must be at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : ''}`,
        { param },
      );
    default:
      return invalidRequest(issue.message || `Invalid ${param}`, { param });
  }
}

/**
 * Validates decoded parameters against a zod schema and throws the Stripe
 * error for the first problem (unknown parameter, missing parameter, bad
 * value), so the SDK raises the same error class it would against Stripe.
 */
export function parseParams<S extends z.ZodType>(schema: S, raw: RawParams): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw issue ? issueToError(issue, raw) : invalidRequest('Invalid request');
}

/** A string of at most `max` characters, with Stripe's message when too long. */
export function stripeString(max: number) {
  return z.string().check((ctx) => {
    if (ctx.value.length > max) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: 'string too long',
        params: {
          stripeError: invalidRequest(
            `Invalid string: ${shown(ctx.value)}; must be at most ${max} characters`,
          ),
        },
      });
    }
  });
}

/**
 * A string Stripe lets you unset with `""`: the result is `null` for `""`.
 */
export function emptyableString(max: number) {
  return stripeString(max).transform((v) => (v === '' ? null : v));
}

/** An integer sent as text (`"10"`), with Stripe's `Invalid integer` message. */
export function stripeInteger(options: { min?: number; max?: number } = {}) {
  return z
    .union([z.string(), z.number()])
    .transform((value, ctx) => {
      const text = String(value).trim();
      if (!/^-?\d+$/.test(text)) {
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: `Invalid integer: ${shown(value)}`,
        });
        return z.NEVER;
      }
      return Number(text);
    })
    .check((ctx) => {
      const { min, max } = options;
      if ((min !== undefined && ctx.value < min) || (max !== undefined && ctx.value > max)) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message:
            min !== undefined && max !== undefined
              ? `This value must be between ${min} and ${max}.`
              : min !== undefined
                ? `This value must be greater than or equal to ${min}.`
                : `This value must be less than or equal to ${max}.`,
        });
      }
    });
}

/** A boolean sent as `"true"` / `"false"`. */
export function stripeBoolean() {
  return z.union([z.literal('true'), z.literal('false'), z.boolean()]).transform((v) => {
    return v === true || v === 'true';
  });
}

/** `limit`: an integer from 1 to 100. */
export const limitParam = stripeInteger({ min: 1, max: 100 });

/** `created` / other timestamp filters: an integer, or `{ gt, gte, lt, lte }`. */
export const rangeFilterParam = z.union([
  stripeInteger(),
  z.strictObject({
    gt: stripeInteger().optional(),
    gte: stripeInteger().optional(),
    lt: stripeInteger().optional(),
    lte: stripeInteger().optional(),
  }),
]);

/** A parsed range filter. */
export type RangeFilter = z.output<typeof rangeFilterParam>;

/** True when `value` satisfies `filter`. */
export function inRange(value: number, filter: RangeFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'number') return value === filter;
  if (filter.gt !== undefined && !(value > filter.gt)) return false;
  if (filter.gte !== undefined && !(value >= filter.gte)) return false;
  if (filter.lt !== undefined && !(value < filter.lt)) return false;
  if (filter.lte !== undefined && !(value <= filter.lte)) return false;
  return true;
}

/** `expand[]`: a list of property paths. */
export const expandParam = z
  .union([z.array(z.string()), z.record(z.string(), z.string())])
  .transform((v) => (Array.isArray(v) ? v : Object.values(v)));

/** The list parameters every Stripe list endpoint shares. */
export const listParams = {
  limit: limitParam.optional(),
  starting_after: z.string().optional(),
  ending_before: z.string().optional(),
  expand: expandParam.optional(),
};

/** Throws Stripe's error when both cursors are given. */
export function assertOneCursor(params: { starting_after?: string; ending_before?: string }): void {
  if (params.starting_after !== undefined && params.ending_before !== undefined) {
    throw invalidRequest(
      'You may only specify one of these parameters: ending_before, starting_after.',
      { param: 'ending_before' },
    );
  }
}

/**
 * The page cursors of a list request, each resolved to its object by `find`
 * (which throws Stripe's `resource_missing` naming the parameter), ready to
 * spread into a store's list query.
 */
export function listCursors<T>(
  params: { starting_after?: string | undefined; ending_before?: string | undefined },
  find: (id: string, param: 'starting_after' | 'ending_before') => T,
): { startingAfter?: T; endingBefore?: T } {
  return {
    ...(params.starting_after === undefined
      ? {}
      : { startingAfter: find(params.starting_after, 'starting_after') }),
    ...(params.ending_before === undefined
      ? {}
      : { endingBefore: find(params.ending_before, 'ending_before') }),
  };
}

/**
 * Known Stripe parameters the sandbox does not model (payment methods,
 * sources, tax ids, …): refused with a message that says so, rather than
 * silently ignored.
 */
export function unsupportedParameter(param: string): StripeApiError {
  return invalidRequest(
    `The Referkit Stripe sandbox does not support the parameter '${param}' (Stripe does). See the sandbox README for what it models.`,
    { param },
  );
}

/** Rejects any of `names` present in `raw` with {@link unsupportedParameter}. */
export function rejectUnsupported(raw: RawParams, names: readonly string[]): void {
  for (const name of names) if (name in raw) throw unsupportedParameter(name);
}
