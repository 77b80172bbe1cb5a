import { describe, expect, it } from 'vitest';
import { SandboxClock } from './sandbox-clock';

describe('SandboxClock', () => {
  it('starts where told and only moves forward', () => {
    const clock = new SandboxClock(1_000_000);
    expect(Math.abs(clock.now() - 1_000_000)).toBeLessThanOrEqual(1);
    const later = clock.advance(3600);
    expect(later).toBeGreaterThanOrEqual(1_003_600);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.set(1_000_000)).toThrow(/only moves forward/);
    expect(clock.set(2_000_000)).toBeGreaterThanOrEqual(2_000_000);
    clock.reset();
    expect(clock.now()).toBeLessThan(1_000_010);
  });
});
