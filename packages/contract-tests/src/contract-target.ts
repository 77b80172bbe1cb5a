/** What one request answered. */
export interface ContractResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the suite checks bodies with assertions, not types
  body: any;
  text: string;
  headers: Headers;
}

/** One request to the API under test. */
export interface ContractRequest {
  /** JSON body. */
  body?: unknown;
  /** A raw body (CSV import), sent as is. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Send the request without the tenant's session (an API-key or public route). Default: `false`. */
  anonymous?: boolean;
}

/** Values of a Stripe customer the suite creates or changes. */
export interface CustomerValues {
  name?: string | null;
  email?: string | null;
  /** Merged as Stripe does: `""` deletes a key. */
  metadata?: Record<string, string>;
}

/** The merchant's Stripe account, changed the way the Dashboard would. */
export interface ContractStripe {
  /** Creates a customer; returns its id. */
  createCustomer(values: CustomerValues): Promise<string>;
  updateCustomer(id: string, values: CustomerValues): Promise<void>;
  deleteCustomer(id: string): Promise<void>;
  /** A customer as Stripe has it now. */
  getCustomer(id: string): Promise<{ metadata: Record<string, string> }>;
}

/** One target of the contract suite: a fresh account on the mock or on the real server. */
export interface ContractSession {
  request(method: string, path: string, init?: ContractRequest): Promise<ContractResponse>;
  stripe: ContractStripe;
  /** A secret key the target's Stripe accepts (test mode). */
  stripeKey: string;
  /** A well-formed test-mode key the target's Stripe refuses. */
  rejectedKey: string;
  close(): Promise<void>;
}

/** A way to start sessions of one target. */
export interface ContractTarget {
  name: 'mock' | 'server';
  /** Once per suite (a database, say). */
  setup(): Promise<void>;
  /** A fresh tenant with no campaign, no customer and Stripe not connected. */
  session(): Promise<ContractSession>;
  teardown(): Promise<void>;
}

/** Reads a Fetch response into a {@link ContractResponse}. */
export async function readResponse(response: Response): Promise<ContractResponse> {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    body: text && type.includes('json') ? JSON.parse(text) : text || undefined,
    text,
    headers: response.headers,
  };
}

/** Builds the Fetch request a {@link ContractRequest} describes. */
export function buildRequest(
  url: string,
  method: string,
  init: ContractRequest,
  sessionHeaders: Record<string, string>,
): Request {
  const headers: Record<string, string> = {
    ...(init.anonymous ? {} : sessionHeaders),
    ...init.headers,
  };
  let body: BodyInit | undefined;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  } else if (init.rawBody !== undefined) {
    body = init.rawBody as BodyInit;
  }
  return new Request(url, { method, headers, body, redirect: 'manual' });
}

/** Where both targets pretend the API is mounted (requests never leave the process). */
export const BASE_URL = 'http://referkit.test/api';
