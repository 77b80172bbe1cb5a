import { type CronFields, readCronFields } from './read-cron-fields';
import { type Schedule, scheduleToCron } from './sync-config';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Far enough to find 29 February across a century year that is not a leap year (2096 → 2104). */
const SEARCH_SPAN = 9 * 366 * DAY;

/**
 * Whether a day is one the expression runs on. As in cron: when both day of
 * month and weekday are restricted, either one matching is enough; when only
 * one is, that one decides.
 */
function runsOnDay(cron: CronFields, date: Date): boolean {
  const byDay = cron.days.length !== 31;
  const byWeekday = cron.weekdays.length !== 7;
  const dayOk = cron.days.includes(date.getUTCDate());
  const weekdayOk = cron.weekdays.includes(date.getUTCDay());
  if (byDay && byWeekday) return dayOk || weekdayOk;
  if (byWeekday) return weekdayOk;
  return dayOk;
}

/**
 * When a schedule fires next after `after`, in UTC; `null` when it never
 * does (`0 0 31 2 *`) or the expression is not a five-field cron expression.
 * The expression is read by {@link readCronFields} — the one cron reading of
 * the kit, used by core's validation, the server's scheduler and the mock
 * API — and the time is found here in UTC: the first whole minute after
 * `after` whose month, day, hour and minute the expression allows. A test
 * checks both against croner on generated expressions and instants.
 *
 * @param after - the instant to look after. Default: now.
 */
export function nextScheduleRun(schedule: Schedule, after: Date = new Date()): Date | null {
  const cron = readCronFields(scheduleToCron(schedule));
  if (!cron) return null;
  let time = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
  const end = time + SEARCH_SPAN;
  while (time <= end) {
    const date = new Date(time);
    if (!cron.months.includes(date.getUTCMonth())) {
      time = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    } else if (!runsOnDay(cron, date)) {
      time = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
    } else if (!cron.hours.includes(date.getUTCHours())) {
      time = Math.floor(time / HOUR) * HOUR + HOUR;
    } else if (!cron.minutes.includes(date.getUTCMinutes())) {
      time += MINUTE;
    } else {
      return date;
    }
  }
  return null;
}

/**
 * Whether a sync can run on an expression: five cron fields (minute, hour,
 * day of month, month, day of week; numbers, names such as `MON`, `*`,
 * ranges, lists and steps on `*` or a range), at most
 * `MAX_CRON_EXPRESSION_LENGTH` (100) characters, and a time that comes round
 * (not 31 February).
 */
export function isRunnableCronExpression(expression: string): boolean {
  return nextScheduleRun({ kind: 'cron', expression }) !== null;
}
