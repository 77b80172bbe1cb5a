import type { ApiErrorCode, ApiRouteName, SyncConfigIssue } from '@referkit/core';

/**
 * Codes the client adds to the server's {@link ApiErrorCode}s:
 * `network_error` when the server could not be reached at all (status 0), and
 * `invalid_response` when it answered something outside the HTTP contract
 * (an HTML error page from a proxy, a body that does not match the schema).
 */
export type ReferkitClientErrorCode = 'network_error' | 'invalid_response';

/** Every code a {@link ReferkitApiError} can carry. */
export type ReferkitErrorCode = ApiErrorCode | ReferkitClientErrorCode;

/** What {@link ReferkitApiError} is built from. */
export interface ReferkitApiErrorInit {
  /** HTTP status; `0` when no response arrived. */
  status: number;
  code: ReferkitErrorCode;
  /** A sentence a person can read. */
  message: string;
  /** What is wrong with each request field, for forms (e.g. `{ email: '…' }`). */
  fields?: Record<string, string> | undefined;
  /** `validateSyncConfig`'s issues, for `invalid_sync_config`. */
  issues?: SyncConfigIssue[] | undefined;
  /** The route that failed. */
  route?: ApiRouteName | undefined;
  cause?: unknown | undefined;
}

/**
 * The one error every client method and hook throws: the server's error body
 * (`{ error: { code, message, fields?, issues? } }`) with the HTTP status, or
 * a client-side `network_error` / `invalid_response`.
 */
export class ReferkitApiError extends Error {
  override readonly name = 'ReferkitApiError';
  /** HTTP status; `0` for `network_error`. */
  readonly status: number;
  readonly code: ReferkitErrorCode;
  /** What is wrong with each request field, when the server said so. */
  readonly fields: Record<string, string> | undefined;
  /** The sync configuration's issues, for `invalid_sync_config`. */
  readonly issues: SyncConfigIssue[] | undefined;
  /** The route that failed, when known. */
  readonly route: ApiRouteName | undefined;

  constructor(init: ReferkitApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields;
    this.issues = init.issues;
    this.route = init.route;
  }
}

/** Whether `error` is a {@link ReferkitApiError}, optionally with a given code. */
export function isReferkitApiError(
  error: unknown,
  code?: ReferkitErrorCode,
): error is ReferkitApiError {
  return error instanceof ReferkitApiError && (code === undefined || error.code === code);
}
