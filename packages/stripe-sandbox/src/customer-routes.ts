import { type ApiRequest, type ApiRoute, listJson } from './api-route';
import { asciiJson } from './ascii-json';
import { createCustomer, deleteCustomer, updateCustomer } from './customer-operations';
import {
  customerCreateParams,
  customerDeleteParams,
  customerListParams,
  customerRetrieveParams,
  customerSearchParams,
  customerUpdateParams,
  UNSUPPORTED_CUSTOMER_PARAMS,
} from './customer-params';
import { type CustomerRecord, deletedCustomerObject } from './customer-store';
import { parseSearchQuery } from './search-query';
import { seedFrom } from './seeded-random';
import { invalidRequest, resourceMissing } from './stripe-error';
import { assertOneCursor, listCursors, parseParams, rejectUnsupported } from './stripe-params';

/** Expandable customer properties that are `null` in the sandbox (expanding changes nothing). */
const NULL_EXPANDABLE = new Set([
  'default_source',
  'invoice_settings.default_payment_method',
  'test_clock',
]);

/** Includable properties, absent unless expanded. */
const INCLUDABLE: Record<string, (id: string) => unknown> = {
  cash_balance: () => null,
  invoice_credit_balance: () => ({}),
  sources: (id) => emptyList(`/v1/customers/${id}/sources`),
  subscriptions: () => emptyList('/v1/subscriptions'),
  tax: () => ({
    automatic_tax: 'unrecognized_location',
    ip_address: null,
    location: null,
    provider: 'stripe',
  }),
  tax_ids: (id) => emptyList(`/v1/customers/${id}/tax_ids`),
};

function emptyList(url: string) {
  return { object: 'list', data: [], has_more: false, total_count: 0, url };
}

/**
 * Checks `expand[]` for customers (`prefix` is `data.` on lists) and returns
 * the includable properties to add.
 */
function customerIncludes(expand: readonly string[] | undefined, prefix: '' | 'data.'): string[] {
  const includes: string[] = [];
  for (const [i, path] of (expand ?? []).entries()) {
    const inner = prefix === '' ? path : path.startsWith(prefix) ? path.slice(prefix.length) : null;
    if (inner !== null && NULL_EXPANDABLE.has(inner)) continue;
    if (inner !== null && inner in INCLUDABLE) {
      includes.push(inner);
      continue;
    }
    throw invalidRequest(`This property cannot be expanded (${path}).`, { param: `expand[${i}]` });
  }
  return includes;
}

/** A customer's JSON, with includable properties added when expanded. */
function customerJson(record: CustomerRecord, includes: readonly string[]): string {
  if (record.deleted) return JSON.stringify(deletedCustomerObject(record.id));
  if (includes.length === 0) return record.json();
  const object: Record<string, unknown> = { ...record.toObject() };
  for (const name of includes) object[name] = INCLUDABLE[name]?.(record.id);
  const sorted = Object.fromEntries(
    Object.entries(object).sort(([a], [b]) =>
      a === 'id' ? -1 : b === 'id' ? 1 : a.localeCompare(b),
    ),
  );
  return asciiJson(sorted);
}

/** The customer `id` (by default the route's), or Stripe's `resource_missing` naming `param`. */
function findCustomer(
  request: ApiRequest,
  id = request.routeParams.id ?? '',
  param = 'id',
): CustomerRecord {
  const record = request.account.customers.get(id);
  if (!record) throw resourceMissing('customer', id, param);
  return record;
}

function encodePage(before: number, query: string): string {
  return `page_${Buffer.from(JSON.stringify({ b: before, q: seedFrom(query) })).toString('base64url')}`;
}

function decodePage(page: string, query: string): number {
  try {
    if (!page.startsWith('page_')) throw new Error('prefix');
    const decoded = JSON.parse(Buffer.from(page.slice(5), 'base64url').toString('utf8')) as {
      b: unknown;
      q: unknown;
    };
    if (typeof decoded.b !== 'number' || decoded.q !== seedFrom(query)) throw new Error('query');
    return decoded.b;
  } catch {
    throw invalidRequest(
      `Invalid page: ${page}. Pass the next_page of a search with the same query.`,
      {
        param: 'page',
      },
    );
  }
}

/** The customer endpoints: create, retrieve, update, delete, list, search. */
export const customerRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/customers',
    permission: ['customers', 'write'],
    handle(request) {
      rejectUnsupported(request.params, UNSUPPORTED_CUSTOMER_PARAMS);
      const params = parseParams(customerCreateParams, request.params);
      const includes = customerIncludes(params.expand, '');
      const record = createCustomer(
        request.state.emit,
        request.account,
        params,
        request.state.clock.now(),
        request.eventRequest,
      );
      return { json: customerJson(record, includes) };
    },
  },
  {
    method: 'GET',
    path: '/v1/customers',
    permission: ['customers', 'read'],
    handle(request) {
      if ('test_clock' in request.params) rejectUnsupported(request.params, ['test_clock']);
      const params = parseParams(customerListParams, request.params);
      assertOneCursor(params);
      const includes = customerIncludes(params.expand, 'data.');
      const page = request.account.customers.list({
        limit: params.limit ?? 10,
        ...listCursors(params, (id, param) => findCustomer(request, id, param)),
        ...(params.created === undefined ? {} : { created: params.created }),
        ...(params.email === undefined ? {} : { email: params.email }),
      });
      return {
        json: listJson(
          '/v1/customers',
          page.data.map((r) => customerJson(r, includes)),
          page.hasMore,
        ),
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/customers/search',
    permission: ['customers', 'read'],
    handle(request) {
      const params = parseParams(customerSearchParams, request.params);
      const match = parseSearchQuery(params.query);
      const withTotal = params.expand?.includes('total_count') ?? false;
      const includes = customerIncludes(
        params.expand?.filter((p) => p !== 'total_count'),
        'data.',
      );
      const before = params.page === undefined ? undefined : decodePage(params.page, params.query);
      const limit = params.limit ?? 10;
      const page = request.account.customers.scan(match, limit, before);
      const last = page.data[page.data.length - 1];
      const nextPage = page.hasMore && last ? encodePage(last.seq, params.query) : null;
      const total = withTotal ? `,"total_count":${request.account.customers.count(match)}` : '';
      return {
        json:
          `{"object":"search_result","data":[${page.data.map((r) => customerJson(r, includes)).join(',')}],` +
          `"has_more":${page.hasMore},"next_page":${JSON.stringify(nextPage)}${total},"url":"/v1/customers/search"}`,
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/customers/:id',
    permission: ['customers', 'read'],
    handle(request) {
      const params = parseParams(customerRetrieveParams, request.params);
      const record = findCustomer(request);
      return { json: customerJson(record, customerIncludes(params.expand, '')) };
    },
  },
  {
    method: 'POST',
    path: '/v1/customers/:id',
    permission: ['customers', 'write'],
    handle(request) {
      rejectUnsupported(request.params, UNSUPPORTED_CUSTOMER_PARAMS);
      const params = parseParams(customerUpdateParams, request.params);
      const includes = customerIncludes(params.expand, '');
      const record = findCustomer(request);
      if (record.deleted) throw resourceMissing('customer', record.id);
      updateCustomer(request.state.emit, request.account, record, params, request.eventRequest);
      return { json: customerJson(record, includes) };
    },
  },
  {
    method: 'DELETE',
    path: '/v1/customers/:id',
    permission: ['customers', 'write'],
    handle(request) {
      parseParams(customerDeleteParams, request.params);
      const record = findCustomer(request);
      if (record.deleted) throw resourceMissing('customer', record.id);
      deleteCustomer(request.state.emit, request.account, record, request.eventRequest);
      return { json: JSON.stringify(deletedCustomerObject(record.id)) };
    },
  },
];
