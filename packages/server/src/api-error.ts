import {
  API_ERROR_MESSAGES,
  API_ERROR_STATUS,
  type ApiErrorBody,
  type ApiErrorCode,
  type SyncConfigIssue,
} from '@referkit/core';

/**
 * An error the API answers with `{ error: { code, message, fields?, issues? } }`,
 * at the status core's `API_ERROR_STATUS` gives its code.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly issues: SyncConfigIssue[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ApiErrorCode,
    message: string,
    extra: {
      fields?: Record<string, string> | undefined;
      issues?: SyncConfigIssue[] | undefined;
      headers?: Record<string, string> | undefined;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = API_ERROR_STATUS[code];
    this.code = code;
    this.fields = extra.fields;
    this.issues = extra.issues;
    this.headers = extra.headers;
  }

  /** The JSON body of this error. */
  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
        ...(this.issues ? { issues: this.issues } : {}),
      },
    };
  }
}

/** 404 `not_found` naming what was not found. */
export function notFound(what: string): ApiError {
  return new ApiError('not_found', API_ERROR_MESSAGES.notFound(what));
}
