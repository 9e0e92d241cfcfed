/**
 * Calendar dates as ISO strings "YYYY-MM-DD": no time of day and no time zone,
 * because billing periods are whole days and must not shift with the server's
 * zone or daylight saving. Arithmetic goes through integer day numbers.
 */

export type IntervalUnit = "DAY" | "WEEK" | "MONTH" | "YEAR"

const MS_PER_DAY = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  return lengths[month - 1]
}

function parts(date: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(date)
  if (!match) {
    return null
  }
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null
  }
  return { year, month, day }
}

function partsOrThrow(date: string): { year: number; month: number; day: number } {
  const parsed = parts(date)
  if (!parsed) {
    throw new Error(`Invalid calendar date "${date}", expected YYYY-MM-DD`)
  }
  return parsed
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0")
}

function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

export function isIsoDate(value: string): boolean {
  return typeof value === "string" && parts(value) !== null
}

export function assertIsoDate(value: string, field = "date"): void {
  if (!isIsoDate(value)) {
    throw new Error(`Invalid ${field} "${value}", expected YYYY-MM-DD`)
  }
}

export function toDayNumber(date: string): number {
  const { year, month, day } = partsOrThrow(date)
  // Date.UTC maps years 0–99 to 1900–1999, so the year is set separately.
  const instant = new Date(Date.UTC(2000, month - 1, day))
  instant.setUTCFullYear(year)
  return instant.getTime() / MS_PER_DAY
}

export function fromDayNumber(dayNumber: number): string {
  if (!Number.isInteger(dayNumber)) {
    throw new Error(`Day number must be an integer, got ${dayNumber}`)
  }
  const instant = new Date(dayNumber * MS_PER_DAY)
  return formatDate(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate())
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days)
}

/** Signed number of days from `from` to `to` (to − from). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from)
}

export function compareDates(a: string, b: string): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b))
}

export function minDate(first: string, ...rest: string[]): string {
  return rest.reduce((min, date) => (compareDates(date, min) < 0 ? date : min), first)
}

export function maxDate(first: string, ...rest: string[]): string {
  return rest.reduce((max, date) => (compareDates(date, max) > 0 ? date : max), first)
}

function addMonthsClamped(anchor: string, months: number): string {
  const { year, month, day } = partsOrThrow(anchor)
  const monthIndex = year * 12 + (month - 1) + months
  const targetYear = Math.floor(monthIndex / 12)
  const targetMonth = monthIndex - targetYear * 12 + 1
  return formatDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)))
}

/**
 * The k-th boundary after `anchor` for an interval of count × unit (k may be
 * negative). It is always derived from the anchor, never from the previous
 * boundary: stepping month by month from Jan 31 would clamp to Feb 28 and then
 * stay on the 28th forever, whereas from the anchor every month gets its own
 * clamp (Feb 28, Mar 31, Apr 30, …).
 */
export function addInterval(anchor: string, count: number, unit: IntervalUnit, k: number): string {
  if (!Number.isInteger(count) || !Number.isInteger(k)) {
    throw new Error(`Interval count and index must be integers, got ${count} and ${k}`)
  }
  switch (unit) {
    case "DAY":
      return addDays(anchor, count * k)
    case "WEEK":
      return addDays(anchor, 7 * count * k)
    case "MONTH":
      return addMonthsClamped(anchor, count * k)
    case "YEAR":
      return addMonthsClamped(anchor, 12 * count * k)
    default:
      throw new Error(`Unknown interval unit "${unit as string}"`)
  }
}

/**
 * Index k of the interval [addInterval(anchor, …, k), addInterval(anchor, …, k + 1))
 * that contains `date`.
 */
export function intervalIndexOf(anchor: string, count: number, unit: IntervalUnit, date: string): number {
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`Interval count must be a positive integer, got ${count}`)
  }
  const target = toDayNumber(date)
  let k: number
  if (unit === "DAY" || unit === "WEEK") {
    const length = unit === "DAY" ? count : 7 * count
    k = Math.floor((target - toDayNumber(anchor)) / length)
  } else {
    const from = partsOrThrow(anchor)
    const to = partsOrThrow(date)
    const months = (to.year - from.year) * 12 + (to.month - from.month)
    k = Math.floor(months / (unit === "MONTH" ? count : 12 * count))
  }
  // The month-based estimate can be one off because of the day of month.
  while (toDayNumber(addInterval(anchor, count, unit, k)) > target) {
    k -= 1
  }
  while (toDayNumber(addInterval(anchor, count, unit, k + 1)) <= target) {
    k += 1
  }
  return k
}
