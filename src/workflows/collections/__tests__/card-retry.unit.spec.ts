import { cardRetryDaysProblem, DEFAULT_CARD_RETRY_DAYS, nextChargeAttempt } from "../card-retry"
import { scheduleBlocker } from "../charge-card-workflow"

const first = new Date("2026-03-02T10:00:00Z")
const at = (days: number) => new Date(first.getTime() + days * 86_400_000)

describe("card retry schedule", () => {
  it.each([
    [1, at(1), false, false],
    [2, at(3), false, false],
    [3, at(7), false, false],
    [4, null, true, true],
    [5, null, true, false],
  ])("after %i failed attempts: next %s, gave up %s (now: %s)", (failed, next, gaveUp, gaveUpNow) => {
    expect(nextChargeAttempt({ failed_attempts: failed, first_failed_at: first, retry_days: DEFAULT_CARD_RETRY_DAYS })).toEqual({
      next_attempt_at: next,
      gave_up: gaveUp,
      gave_up_now: gaveUpNow,
    })
  })

  it("with no retries the first failure goes to dunning", () => {
    expect(nextChargeAttempt({ failed_attempts: 1, first_failed_at: first, retry_days: [] })).toEqual({ next_attempt_at: null, gave_up: true, gave_up_now: true })
  })

  it("refuses a count below 1", () => {
    expect(() => nextChargeAttempt({ failed_attempts: 0, first_failed_at: first, retry_days: [1] })).toThrow(/failed_attempts/)
  })

  it("checks the option", () => {
    expect(cardRetryDaysProblem([1, 3, 7])).toBeNull()
    expect(cardRetryDaysProblem([])).toBeNull()
    expect(cardRetryDaysProblem([3, 1])).toMatch(/must not decrease/)
    expect(cardRetryDaysProblem([1.5])).toMatch(/whole numbers/)
    expect(cardRetryDaysProblem("1,3")).toMatch(/list/)
  })

  it("tells the job when an invoice is not due", () => {
    const state = { invoice_id: "binv_1", attempts: 1, failed_attempts: 1, first_failed_at: first, gave_up: false }
    expect(scheduleBlocker(undefined, first)).toBeNull()
    expect(scheduleBlocker({ ...state, last_status: "failed", next_attempt_at: at(1) }, at(0.5))).toMatch(/next retry is due at 2026-03-03T10:00:00.000Z/)
    expect(scheduleBlocker({ ...state, last_status: "failed", next_attempt_at: at(1) }, at(1))).toBeNull()
    expect(scheduleBlocker({ ...state, last_status: "failed", next_attempt_at: null, gave_up: true }, at(30))).toMatch(/dunning/)
    expect(scheduleBlocker({ ...state, last_status: "processing", next_attempt_at: null }, at(30))).toMatch(/in progress/)
    expect(scheduleBlocker({ ...state, last_status: "succeeded", next_attempt_at: null }, at(30))).toMatch(/succeeded/)
  })
})
