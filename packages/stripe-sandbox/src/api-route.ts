import type { ApiKey } from './api-key-registry';
import type { EventRequest } from './event-log';
import type { PermissionResource } from './key-permissions';
import type { SandboxState } from './sandbox-state';
import type { StripeAccount } from './stripe-account';
import type { RawParams } from './stripe-params';

/** One authenticated API request, as a route handler sees it. */
export interface ApiRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Path parameters (`:id`). */
  routeParams: Record<string, string | undefined>;
  /** Decoded query (GET, DELETE) or form body (POST) parameters. */
  params: RawParams;
  /** The account acted on (the key's, or the one named by `Stripe-Account`). */
  account: StripeAccount;
  key: ApiKey;
  /** `req_…` of this request, also sent as `Request-Id`. */
  requestId: string;
  idempotencyKey: string | null;
  /** What events caused by this request carry as `request`. */
  eventRequest: EventRequest;
  state: SandboxState;
}

/** A handler's answer: status (default 200) and JSON text. */
export interface ApiResponse {
  status?: number;
  json: string;
}

/** One Stripe endpoint. */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** find-my-way pattern: `/v1/customers/:id`. */
  path: string;
  /**
   * Permission a restricted key needs, checked before anything else (so a
   * key without it gets 403 even for an id that does not exist).
   */
  permission?: readonly [PermissionResource, 'read' | 'write'];
  handle(request: ApiRequest): ApiResponse;
}

/** JSON text of a Stripe list object from items' JSON texts. */
export function listJson(url: string, items: readonly string[], hasMore: boolean): string {
  return `{"object":"list","data":[${items.join(',')}],"has_more":${hasMore},"url":${JSON.stringify(url)}}`;
}
