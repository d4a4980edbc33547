import { CronExpressionParser } from 'cron-parser';

/** Throws a TypeError naming what is wrong with a cron expression or an IANA timezone. @example validateSchedule('*\/5 * * * *',
 * 'Europe/Paris') */
export function validateSchedule(cron: string, timezone: string) {
  try {
    // cron-parser's own error for an unknown zone ("unhandled timestamp") says nothing useful.
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new TypeError(`schedule: unknown timezone "${timezone}"`);
  }
  try {
    CronExpressionParser.parse(cron, { tz: timezone });
  } catch (error) {
    throw new TypeError(`schedule: invalid cron "${cron}": ${(error as Error).message}`);
  }
}

/** The first tick of `cron` strictly after `after`, reading the fields in `timezone`. @example nextTick('0 9 * * *', 'UTC', new
 * Date('2025-01-01T09:00:00Z')) // 2025-01-02T09:00:00Z */
export function nextTick(cron: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone }).next().toDate();
}
