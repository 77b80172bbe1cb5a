import { Cron } from 'croner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRunnableCronExpression, nextScheduleRun } from './next-schedule-run';
import { SCHEDULE_PRESET_CRON, SCHEDULE_PRESETS } from './sync-config';

const cron = (expression: string) => ({ kind: 'cron', expression }) as const;
const at = (iso: string) => new Date(iso);

describe('nextScheduleRun', () => {
  it('finds the next whole minute the expression allows, in UTC', () => {
    expect(nextScheduleRun(cron('0 * * * *'), at('2026-03-29T00:30:00Z'))).toEqual(
      at('2026-03-29T01:00:00Z'),
    );
    // Strictly after: a run due at this very minute is the next one's.
    expect(nextScheduleRun(cron('*/15 * * * *'), at('2026-01-01T10:15:00Z'))).toEqual(
      at('2026-01-01T10:30:00Z'),
    );
    expect(nextScheduleRun(cron('30 9-17 * * 1-5'), at('2026-11-27T17:45:00Z'))).toEqual(
      at('2026-11-30T09:30:00Z'),
    );
    expect(nextScheduleRun(cron('59 23 31 12 *'), at('2026-12-31T23:59:30Z'))).toEqual(
      at('2027-12-31T23:59:00Z'),
    );
  });

  it('reads every preset as the cron it stands for', () => {
    const after = at('2026-11-29T19:30:00Z');
    for (const preset of SCHEDULE_PRESETS) {
      expect(nextScheduleRun({ kind: 'preset', preset }, after)).toEqual(
        nextScheduleRun(cron(SCHEDULE_PRESET_CRON[preset]), after),
      );
    }
    expect(nextScheduleRun({ kind: 'preset', preset: 'hourly' }, after)).toEqual(
      at('2026-11-29T20:00:00Z'),
    );
  });

  it('runs when either the day of month or the weekday matches, when both are restricted', () => {
    // 1 March 2026 is a Sunday; the next Friday is the 6th, the next 15th much later.
    expect(nextScheduleRun(cron('0 8 15 * FRI'), at('2026-03-01T12:00:00Z'))).toEqual(
      at('2026-03-06T08:00:00Z'),
    );
  });

  it('finds 29 February across 2100, which is not a leap year', () => {
    expect(nextScheduleRun(cron('0 0 29 2 *'), at('2097-01-01T00:00:00Z'))).toEqual(
      at('2104-02-29T00:00:00Z'),
    );
  });

  it('answers null for a time that never comes', () => {
    expect(nextScheduleRun(cron('0 0 31 2 *'), at('2026-01-01T00:00:00Z'))).toBeNull();
    expect(nextScheduleRun(cron('0 0 30 2 *'))).toBeNull();
  });

  it('refuses what a lenient number reading would misread', () => {
    // parseInt would read these as 5 (cron-schedule did): the field shape refuses them.
    expect(isRunnableCronExpression('5x * * * *')).toBe(false);
    expect(isRunnableCronExpression('5/15 * * * *')).toBe(false);
    expect(isRunnableCronExpression('1.5 * * * *')).toBe(false);
    expect(isRunnableCronExpression('0 0 * * FUNDAY')).toBe(false);
    expect(isRunnableCronExpression('@hourly')).toBe(false);
  });

  // croner (a development dependency only) as an independent reading of the same expressions.
  const value = (min: number, max: number) => fc.integer({ min, max });
  const item = (min: number, max: number) =>
    fc.oneof(
      fc.constant('*'),
      value(1, Math.min(max, 30)).map((step) => `*/${step}`),
      value(min, max).map(String),
      fc
        .tuple(value(min, max), value(min, max), fc.option(value(1, 12), { nil: undefined }))
        .map(([a, b, step]) => `${Math.min(a, b)}-${Math.max(a, b)}${step ? `/${step}` : ''}`),
    );
  const field = (min: number, max: number) =>
    fc
      .array(item(min, max), { minLength: 1, maxLength: 3 })
      .map((items) => (items.includes('*') ? '*' : items.join(',')));
  // Day of month and weekday: '*' or values that never cover the whole range, so "restricted"
  // means the same to both libraries.
  const restricted = (min: number, max: number) =>
    fc.oneof(
      fc.constant('*'),
      fc.array(value(min, max), { minLength: 1, maxLength: 3 }).map((v) => v.join(',')),
    );
  const expression = fc
    .tuple(field(0, 59), field(0, 23), restricted(1, 28), field(1, 12), restricted(0, 6))
    .map((fields) => fields.join(' '));
  const instant = fc
    .date({ min: at('2020-01-01T00:00:00Z'), max: at('2035-01-01T00:00:00Z'), noInvalidDate: true })
    .map((date) => new Date(Math.floor(date.getTime() / 1000) * 1000));

  it('agrees with croner, in UTC, on generated expressions and instants', () => {
    fc.assert(
      fc.property(expression, instant, (text, after) => {
        const expected = new Cron(text, {
          timezone: 'UTC',
          paused: true,
          legacyMode: true,
        }).nextRun(after);
        expect(nextScheduleRun(cron(text), after)?.toISOString()).toBe(expected?.toISOString());
      }),
      { numRuns: 400 },
    );
  });
});
