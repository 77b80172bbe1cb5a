/** The kit's one stable JSON (fast-json-stable-stringify, keys sorted at every level) lives in core. */
export { stableJson } from '@referkit/core';
