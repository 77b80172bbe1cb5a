import {
  API_ENDPOINTS,
  API_RESPONSES,
  type ApiResponse,
  type ApiRouteName,
  apiErrorSchema,
} from '@referkit/core';
import { ReferkitApiError } from './referkit-api-error';

/**
 * Checks a successful answer against its route's response schema and returns
 * it typed, or throws `invalid_response`. The client loads this module on its
 * first answer, so the contract's zod schemas stay out of a page's first load;
 * it reads core's `API_RESPONSES`, not `API_ROUTES`, so the routes' request
 * schemas and descriptions stay off the page altogether.
 */
export function parseApiResponse<Name extends ApiRouteName>(
  name: Name,
  status: number,
  payload: unknown,
): ApiResponse<Name> {
  const schema = API_RESPONSES[name];
  if (schema === null) return undefined as ApiResponse<Name>;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new ReferkitApiError({
      status,
      code: 'invalid_response',
      message: `The server's answer to ${API_ENDPOINTS[name].method} ${API_ENDPOINTS[name].path} does not match the Referkit API: ${parsed.error.issues[0]?.message ?? 'unexpected body'}.`,
      route: name,
      cause: parsed.error,
    });
  }
  return parsed.data as ApiResponse<Name>;
}

/** The error a failed answer stands for: the server's `{ error: { code, message } }`, or `invalid_response`. */
export function apiErrorOf(
  name: ApiRouteName,
  status: number,
  statusText: string,
  payload: unknown,
): ReferkitApiError {
  const parsed = apiErrorSchema.safeParse(payload);
  if (parsed.success) {
    const { code, message, fields, issues } = parsed.data.error;
    return new ReferkitApiError({ status, code, message, fields, issues, route: name });
  }
  return new ReferkitApiError({
    status,
    code: 'invalid_response',
    message: `The server answered ${status}${
      statusText ? ` ${statusText}` : ''
    } without saying what went wrong. Try again in a moment.`,
    route: name,
  });
}
