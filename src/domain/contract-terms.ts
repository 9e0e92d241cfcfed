/**
 * When a contract ends after notice of cancellation.
 *
 * Term ends are inclusive last days. The first term ends at
 * start + minimum_term − 1 day; each renewal_term extends it by one more term.
 * Notice given on day N takes effect on the first term end E with
 * N + notice_period <= E + 1 day, i.e. the notice arrived at least the notice
 * period before the day after E.
 *
 * - No renewal_term: once the minimum term is over the contract can end on
 *   any day, so E = max(minimum term end, N + notice_period − 1 day).
 * - No minimum_term: the minimum term "ends" the day before the start.
 * - No notice_period: the contract can end on the day the notice arrives, never before it.
 *
 * Term ends are computed from the start date (not by adding terms one after
 * another), so a start on the 31st does not drift to the 28th after February.
 */
import { IntervalUnit, addDays, addInterval, assertIsoDate, compareDates, maxDate } from "./calendar-date"

export interface Term {
  count: number
  unit: IntervalUnit
}

export interface CancellationInput {
  start_date: string
  minimum_term: Term | null
  renewal_term: Term | null
  notice_period: Term | null
  notice_received_on: string
}

function isMonthBased(unit: IntervalUnit): boolean {
  return unit === "MONTH" || unit === "YEAR"
}

function inMonths(term: Term): number {
  return term.unit === "YEAR" ? term.count * 12 : term.count
}

function assertTerm(term: Term | null, name: string, positive: boolean): void {
  if (term === null) {
    return
  }
  const minimum = positive ? 1 : 0
  if (!Number.isInteger(term.count) || term.count < minimum) {
    throw new Error(`${name} count must be an integer >= ${minimum}, got ${term.count}`)
  }
}

/** The day after the j-th term end, j = 0 being the end of the minimum term. */
function termBoundary(start: string, minimum: Term | null, renewal: Term, j: number): string {
  if (minimum === null) {
    return addInterval(start, renewal.count, renewal.unit, j)
  }
  if (isMonthBased(minimum.unit) && isMonthBased(renewal.unit)) {
    return addInterval(start, inMonths(minimum) + j * inMonths(renewal), "MONTH", 1)
  }
  // Day-based terms cannot drift, so anchoring renewals at the minimum term's end is exact.
  const minimumBoundary = addInterval(start, minimum.count, minimum.unit, 1)
  return addInterval(minimumBoundary, renewal.count, renewal.unit, j)
}

/** Inclusive last day of a contract for which notice was received on `notice_received_on`. */
export function computeCancellationEndDate(input: CancellationInput): string {
  const { start_date, minimum_term, renewal_term, notice_period, notice_received_on } = input
  assertIsoDate(start_date, "start_date")
  assertIsoDate(notice_received_on, "notice_received_on")
  assertTerm(minimum_term, "minimum_term", false)
  assertTerm(renewal_term, "renewal_term", true)
  assertTerm(notice_period, "notice_period", false)

  // Notice never ends a contract before the end of the day it arrives, so "no notice period" means the
  // contract can end on the notice day itself.
  const noticeEffective = notice_period
    ? addInterval(notice_received_on, notice_period.count, notice_period.unit, 1)
    : addDays(notice_received_on, 1)
  const minimumEnd = minimum_term
    ? addDays(addInterval(start_date, minimum_term.count, minimum_term.unit, 1), -1)
    : addDays(start_date, -1)

  if (renewal_term === null) {
    return maxDate(minimumEnd, addDays(noticeEffective, -1))
  }
  for (let j = 0; ; j += 1) {
    const boundary = termBoundary(start_date, minimum_term, renewal_term, j)
    if (compareDates(noticeEffective, boundary) <= 0) {
      return addDays(boundary, -1)
    }
  }
}
