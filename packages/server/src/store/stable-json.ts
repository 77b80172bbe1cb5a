/** The kit's one stable JSON (safe-stable-stringify, keys sorted at every level) lives in core. */
export { stableJson } from '@referkit/core';
