import { nextScheduleRun, type Schedule } from '@referkit/core';

/**
 * When an ongoing sync's schedule fires next after `after`: core's
 * `nextScheduleRun` (core's own cron reading, in UTC) — the same reading core's validation
 * uses, so a schedule that validated always has a next run.
 *
 * @param after - the instant to look after. Default: now.
 * @throws when the schedule never comes round (validation refuses those).
 */
export function nextRunAt(schedule: Schedule, after: Date = new Date()): Date {
  const next = nextScheduleRun(schedule, after);
  if (!next) throw new Error('The schedule never comes round.');
  return next;
}
