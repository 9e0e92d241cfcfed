import { addDays, assertIsoDate, compareDates, maxDate, toDayNumber } from "../calendar-date"

/**
 * Collection (due) dates for SEPA direct debits. SEPA settles on TARGET2 business days only, so a due
 * date must be one; the debtor must be pre-notified a number of calendar days before it, and the file must
 * reach the creditor's bank a number of TARGET2 business days before it.
 */

/** SEPA standard pre-notification: 14 calendar days, unless the creditor agreed a shorter period. */
export const DEFAULT_PRE_NOTIFICATION_DAYS = 14

/**
 * Submission lead time: since November 2016, CORE direct debits (FRST and RCUR alike) and B2B ones reach
 * the creditor's bank one TARGET2 business day before the due date (D-1). Banks may ask for more.
 */
export const DEFAULT_SUBMISSION_LEAD_DAYS = 1

/**
 * Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
 */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new Error(`Year must be a Gregorian year 1583–9999, got ${year}`)
  }
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
}

/** TARGET2 closing days on a fixed date ("MM-DD"); Good Friday and Easter Monday move with Easter. */
const FIXED_CLOSING_DAYS: Readonly<Record<string, string>> = {
  "01-01": "New Year's Day",
  "05-01": "Labour Day",
  "12-25": "Christmas Day",
  "12-26": "Boxing Day",
}

/** 1970-01-01 (day 0) was a Thursday; 0 = Monday … 6 = Sunday. */
function weekday(date: string): number {
  return (((toDayNumber(date) + 3) % 7) + 7) % 7
}

/** Why TARGET2 is closed on a date (weekend or one of its six holidays), or null on a business day. */
export function target2ClosingReason(date: string): string | null {
  assertIsoDate(date)
  const day = weekday(date)
  if (day === 5) {
    return "Saturday"
  }
  if (day === 6) {
    return "Sunday"
  }
  const fixed = FIXED_CLOSING_DAYS[date.slice(5)]
  if (fixed) {
    return fixed
  }
  const easter = easterSunday(Number(date.slice(0, 4)))
  if (date === addDays(easter, -2)) {
    return "Good Friday"
  }
  if (date === addDays(easter, 1)) {
    return "Easter Monday"
  }
  return null
}

export function isTarget2BusinessDay(date: string): boolean {
  return target2ClosingReason(date) === null
}

/** The date itself when TARGET2 is open on it, otherwise the next day it is. */
export function nextTarget2BusinessDay(date: string): string {
  let current = date
  while (!isTarget2BusinessDay(current)) {
    current = addDays(current, 1)
  }
  return current
}

/** The `count`-th TARGET2 business day after `date` (count ≥ 0; 0 = nextTarget2BusinessDay(date)). */
export function addTarget2BusinessDays(date: string, count: number): string {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new Error(`Business day count must be a whole number ≥ 0, got ${count}`)
  }
  let current = nextTarget2BusinessDay(date)
  for (let i = 0; i < count; i += 1) {
    current = nextTarget2BusinessDay(addDays(current, 1))
  }
  return current
}

export interface CollectionDateOptions {
  /** Calendar days between pre-notification (sent today) and the due date; default 14. */
  pre_notification_days?: number
  /** TARGET2 business days the bank needs between receiving the file and the due date; default 1. */
  submission_lead_days?: number
}

function wholeDays(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number of days ≥ 0, got ${value}`)
  }
  return value
}

/**
 * The earliest due date for a collection pre-notified and submitted on `today`: at least
 * `pre_notification_days` calendar days ahead, and at least `submission_lead_days` TARGET2 business days
 * after the day the bank receives the file — which is the next business day when today is not one —
 * and itself a TARGET2 business day. `today` is the bank's business date: after its cut-off time, pass
 * the next day.
 */
export function earliestCollectionDate(today: string, options: CollectionDateOptions = {}): string {
  assertIsoDate(today, "today")
  const preNotificationDays = wholeDays(options.pre_notification_days ?? DEFAULT_PRE_NOTIFICATION_DAYS, "pre_notification_days")
  const leadDays = wholeDays(options.submission_lead_days ?? DEFAULT_SUBMISSION_LEAD_DAYS, "submission_lead_days")
  const afterPreNotification = addDays(today, preNotificationDays)
  const afterLeadTime = addTarget2BusinessDays(today, leadDays)
  return nextTarget2BusinessDay(maxDate(afterPreNotification, afterLeadTime))
}

/**
 * The due date to put in the file: the requested date (e.g. the invoice's due date) when it is late
 * enough, else the earliest allowed one — moved to the next TARGET2 business day.
 */
export function collectionDate(
  today: string,
  requestedDate: string | null | undefined,
  options: CollectionDateOptions = {}
): string {
  const earliest = earliestCollectionDate(today, options)
  if (requestedDate === null || requestedDate === undefined) {
    return earliest
  }
  assertIsoDate(requestedDate, "requested collection date")
  return compareDates(requestedDate, earliest) >= 0 ? nextTarget2BusinessDay(requestedDate) : earliest
}
