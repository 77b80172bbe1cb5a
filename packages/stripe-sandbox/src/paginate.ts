/** One page of a newest-first list. */
export interface Page<T> {
  /** Items, newest first. */
  data: T[];
  /** True when more items lie beyond the page in the direction of travel. */
  hasMore: boolean;
}

/**
 * Walks `items` (stored oldest first) from index `from` towards older items,
 * collecting up to `limit` that `accept`, newest first. `stop` ends the walk
 * early (for example below a `created[gte]` bound). This is `starting_after`
 * pagination, and the first page when `from` is the last index.
 */
export function pageOlder<T>(
  items: readonly T[],
  from: number,
  limit: number,
  accept: (item: T) => boolean,
  stop?: (item: T) => boolean,
): Page<T> {
  const data: T[] = [];
  for (let i = Math.min(from, items.length - 1); i >= 0; i--) {
    const item = items[i] as T;
    if (stop?.(item)) break;
    if (!accept(item)) continue;
    if (data.length === limit) return { data, hasMore: true };
    data.push(item);
  }
  return { data, hasMore: false };
}

/**
 * Walks `items` from index `from` towards newer items, collecting the `limit`
 * accepted items nearest to `from`, and returns them newest first. This is
 * `ending_before` pagination: `hasMore` says newer items remain.
 */
export function pageNewer<T>(
  items: readonly T[],
  from: number,
  limit: number,
  accept: (item: T) => boolean,
  stop?: (item: T) => boolean,
): Page<T> {
  const data: T[] = [];
  let hasMore = false;
  for (let i = Math.max(from, 0); i < items.length; i++) {
    const item = items[i] as T;
    if (stop?.(item)) break;
    if (!accept(item)) continue;
    if (data.length === limit) {
      hasMore = true;
      break;
    }
    data.push(item);
  }
  return { data: data.reverse(), hasMore };
}

/**
 * First index in `items` (sorted ascending by `key`) whose key is ≥ `value`;
 * `items.length` when there is none.
 */
export function lowerBound<T>(
  items: readonly T[],
  value: number,
  key: (item: T) => number,
): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(items[mid] as T) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
