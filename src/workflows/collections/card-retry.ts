/** Days after the first failed charge on which the job tries again (one retry per entry); then dunning. */
export const DEFAULT_CARD_RETRY_DAYS: readonly number[] = [1, 3, 7]

const DAY_MS = 86_400_000

export function cardRetryDaysProblem(days: unknown): string | null {
  if (!Array.isArray(days) || days.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    return `card_retry_days must be a list of whole numbers of days ≥ 0, got ${JSON.stringify(days)}`
  }
  if (days.some((d, i) => i > 0 && d < days[i - 1])) {
    return `card_retry_days must not decrease, got ${JSON.stringify(days)}`
  }
  return null
}

export interface ChargeScheduleInput {
  /** Failed attempts of the invoice including the one that just failed (≥ 1). */
  failed_attempts: number
  /** When the invoice's first charge failed (this one, if it is the first). */
  first_failed_at: Date
  retry_days: readonly number[]
}

/**
 * After a failed charge: when the next automatic try falls due — `retry_days[k-1]` days after the first
 * failure for the k-th retry — or, once every retry has failed, nothing (`gave_up`; the invoice goes to
 * dunning). `gave_up_now` is true only for the failure that used up the schedule, so the "payment failed"
 * event is emitted once per invoice.
 */
export function nextChargeAttempt(input: ChargeScheduleInput): { next_attempt_at: Date | null; gave_up: boolean; gave_up_now: boolean } {
  const { failed_attempts, first_failed_at, retry_days } = input
  if (!Number.isSafeInteger(failed_attempts) || failed_attempts < 1) {
    throw new Error(`failed_attempts must be a whole number ≥ 1, got ${failed_attempts}`)
  }
  if (failed_attempts > retry_days.length) {
    return { next_attempt_at: null, gave_up: true, gave_up_now: failed_attempts === retry_days.length + 1 }
  }
  return { next_attempt_at: new Date(first_failed_at.getTime() + retry_days[failed_attempts - 1] * DAY_MS), gave_up: false, gave_up_now: false }
}
