/**
 * The sandbox's notion of "now". It runs with real time from a starting
 * point and can only move forward, so `created` order and cursors stay
 * consistent. Every `created` timestamp, event, the 30-day event window,
 * idempotency expiry and webhook signature timestamps follow it.
 */
export class SandboxClock {
  #offsetMs: number;
  readonly #startOffsetMs: number;

  /** @param start Unix seconds the clock shows now. Default: real time. */
  constructor(start?: number) {
    this.#offsetMs = start === undefined ? 0 : start * 1000 - Date.now();
    this.#startOffsetMs = this.#offsetMs;
  }

  /** Current sandbox time in milliseconds since the epoch. */
  nowMs(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Current sandbox time in Unix seconds (Stripe's timestamp unit). */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Moves the clock forward by `seconds` (must be ≥ 0). Returns the new time. */
  advance(seconds: number): number {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError('The sandbox clock only moves forward: advance by 0 or more seconds.');
    }
    this.#offsetMs += seconds * 1000;
    return this.now();
  }

  /** Moves the clock to Unix seconds `to`, which must not be in the clock's past. */
  set(to: number): number {
    const delta = to - this.nowMs() / 1000;
    if (!Number.isFinite(to) || delta < -1) {
      throw new RangeError(
        `The sandbox clock only moves forward: ${to} is before its current time ${this.now()}.`,
      );
    }
    return this.advance(Math.max(0, delta));
  }

  /** Back to the time it showed at construction, plus real time elapsed since. */
  reset(): void {
    this.#offsetMs = this.#startOffsetMs;
  }
}
