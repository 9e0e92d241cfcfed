import { balanceOf } from "../../ledger/postings"
import { resolveDunningOptions } from "../options"
import { DunningCandidate, dueLevel, dunningFeeEntries, LastNotice, planDunning } from "../plan"

/** The defaults: level 1 at due + 7 (0.00), level 2 at due + 21 (5.00), level 3 at due + 35 (10.00), gap 7, min 1.00. */
const options = resolveDunningOptions(undefined)
const DUE = "2026-01-10"

describe("dueLevel", () => {
  it.each<[string, string, LastNotice | null, string, number | null, string | null]>([
    ["not overdue yet", DUE, null, "2026-01-10", null, null],
    ["one day before level 1", DUE, null, "2026-01-16", null, null],
    ["level 1 on due + 7", DUE, null, "2026-01-17", 1, "2026-01-17"],
    ["level 1 between the levels", DUE, null, "2026-01-30", 1, "2026-01-17"],
    ["level 1 already sent, level 2 not yet due", DUE, { level: 1, notice_date: "2026-01-17" }, "2026-01-30", null, null],
    ["level 2 on due + 21 after level 1", DUE, { level: 1, notice_date: "2026-01-17" }, "2026-01-31", 2, "2026-01-31"],
    // Level 1 went out late (due + 20): level 2 waits for the gap of 7 days after it, not only for due + 21.
    ["gap after a late level 1", DUE, { level: 1, notice_date: "2026-01-30" }, "2026-01-31", null, null],
    ["level 2 once the gap is over", DUE, { level: 1, notice_date: "2026-01-30" }, "2026-02-06", 2, "2026-02-06"],
    // No run for a long time: the highest level the days call for, in one step.
    ["skips to level 3 when the days say so", DUE, null, "2026-02-14", 3, "2026-02-14"],
    ["level 2 when level 3's days are not reached", DUE, null, "2026-02-13", 2, "2026-01-31"],
    ["from level 1 straight to 3 after the gap", DUE, { level: 1, notice_date: "2026-01-17" }, "2026-03-01", 3, "2026-02-14"],
    ["never again after the last level", DUE, { level: 3, notice_date: "2026-02-14" }, "2027-01-01", null, null],
    // A higher level was sent (e.g. by hand or an older configuration): never a lower one afterwards.
    ["never a lower level after a higher one", DUE, { level: 2, notice_date: "2026-01-17" }, "2026-01-20", null, null],
    ["the run date before an earlier notice", DUE, { level: 2, notice_date: "2026-01-31" }, "2026-01-17", null, null],
    // Month and year ends count in calendar days.
    ["across February in a leap year", "2024-02-20", null, "2024-02-27", 1, "2024-02-27"],
    ["across the year end", "2026-12-28", null, "2027-01-04", 1, "2027-01-04"],
  ])("%s", (_name, dueDate, last, asOf, expectedLevel, expectedSince) => {
    const result = dueLevel(dueDate, last, asOf, options)
    expect(result ? [result.level.level, result.due_since] : [null, null]).toEqual([expectedLevel, expectedSince])
  })

  it("applies no gap before the first notice and a gap of 0 days when configured", () => {
    const noGap = resolveDunningOptions({ min_days_between_levels: 0 })
    expect(dueLevel(DUE, { level: 1, notice_date: "2026-01-30" }, "2026-01-31", noGap)?.level.level).toBe(2)
    // Level numbers need not start at 1 or be consecutive.
    const custom = resolveDunningOptions({ levels: [{ level: 2, days_after_due: 0 }, { level: 5, days_after_due: 30, fee: "2.50" }] })
    expect(dueLevel(DUE, null, DUE, custom)?.level.level).toBe(2)
    expect(dueLevel(DUE, { level: 2, notice_date: DUE }, "2026-02-09", custom)?.level.fee).toBe("2.50")
  })
})

const candidate = (overrides: Partial<DunningCandidate> = {}): DunningCandidate => ({
  invoice_id: "binv_1",
  customer_id: "cus_1",
  currency_code: "eur",
  status: "issued",
  due_date: DUE,
  open_amount: "35.70",
  last_notice: null,
  pending_direct_debit: false,
  ...overrides,
})

describe("planDunning", () => {
  const balances = [
    { customer_id: "cus_1", currency_code: "eur", balance: "35.70" },
    { customer_id: "cus_credit", currency_code: "eur", balance: "-14.30" },
    { customer_id: "cus_even", currency_code: "eur", balance: "0.00" },
    { customer_id: "cus_credit", currency_code: "usd", balance: "20.00" },
  ]

  it.each<[string, Partial<DunningCandidate>, string, object]>([
    ["reminds an overdue invoice", {}, "2026-01-17", { notice: { level: 1, fee: "0.00", open_amount: "35.70", total: "35.70" } }],
    ["adds the level's fee to the total", { last_notice: { level: 1, notice_date: "2026-01-17" } }, "2026-01-31", { notice: { level: 2, fee: "5.00", total: "40.70" } }],
    ["counts earlier fees as open", { open_amount: "40.7", last_notice: { level: 2, notice_date: "2026-01-31" } }, "2026-02-14", { notice: { level: 3, open_amount: "40.70", fee: "10.00", total: "50.70" } }],
    ["nothing while no level is due", {}, "2026-01-16", {}],
    ["a cancelled invoice", { status: "cancelled" }, "2026-01-17", { skipped: "cancelled" }],
    ["an open amount below the minimum", { open_amount: "0.99" }, "2026-01-17", { skipped: "below_min_open_amount" }],
    ["exactly the minimum is reminded", { open_amount: "1.00" }, "2026-01-17", { notice: { level: 1, total: "1.00" } }],
    ["a pending direct debit", { pending_direct_debit: true }, "2026-01-17", { skipped: "pending_direct_debit" }],
    ["a customer whose credit covers the open items", { customer_id: "cus_credit" }, "2026-01-17", { skipped: "customer_has_credit" }],
    ["a customer with a balance of exactly 0", { customer_id: "cus_even" }, "2026-01-17", { skipped: "customer_has_credit" }],
    ["credit in another currency does not count", { customer_id: "cus_credit", currency_code: "usd" }, "2026-01-17", { notice: { level: 1 } }],
    ["a cancelled invoice is reported as cancelled before anything else", { status: "cancelled", open_amount: "0.50", pending_direct_debit: true }, "2026-01-17", { skipped: "cancelled" }],
    ["no due date, no dunning", { due_date: null }, "2027-01-01", {}],
  ])("%s", (_name, overrides, asOf, expected) => {
    const item = candidate(overrides)
    const plan = planDunning({ as_of: asOf, options, candidates: [item], customer_balances: balances })
    const want = expected as { notice?: object; skipped?: string }
    expect(plan.notices).toEqual(want.notice ? [expect.objectContaining({ invoice_id: item.invoice_id, customer_id: item.customer_id, ...want.notice })] : [])
    expect(plan.skipped.map((s) => s.reason)).toEqual(want.skipped ? [want.skipped] : [])
  })

  it("reports the level a skipped invoice would have received", () => {
    const plan = planDunning({
      as_of: "2026-02-20",
      options,
      candidates: [candidate({ customer_id: "cus_credit", last_notice: { level: 1, notice_date: "2026-01-17" } })],
      customer_balances: balances,
    })
    expect(plan.skipped).toEqual([{ invoice_id: "binv_1", customer_id: "cus_credit", level: 3, reason: "customer_has_credit" }])
  })

  it("plans every invoice on its own", () => {
    const plan = planDunning({
      as_of: "2026-01-31",
      options,
      candidates: [
        candidate({ invoice_id: "a" }),
        candidate({ invoice_id: "b", last_notice: { level: 1, notice_date: "2026-01-17" } }),
        candidate({ invoice_id: "c", due_date: "2026-01-30" }),
      ],
      customer_balances: balances,
    })
    expect(plan.notices.map((n) => [n.invoice_id, n.level])).toEqual([
      ["a", 2],
      ["b", 2],
    ])
  })

  it("refuses a candidate without the customer's balance", () => {
    expect(() => planDunning({ as_of: "2026-01-17", options, candidates: [candidate({ customer_id: "cus_x" })], customer_balances: balances })).toThrow(
      "no account balance of customer cus_x in eur"
    )
  })
})

describe("dunningFeeEntries", () => {
  it("debits the customer and credits the fees account", () => {
    const entries = dunningFeeEntries("cus_1", "5")
    expect(entries).toEqual([
      { account: { kind: "customer", customer_id: "cus_1" }, amount: "5.00" },
      { account: { kind: "fees" }, amount: "-5.00" },
    ])
    expect(balanceOf(entries, { kind: "fees" })).toBe("-5.00")
  })

  it.each(["0.00", "-5.00"])("refuses a fee of %s", (fee) => {
    expect(() => dunningFeeEntries("cus_1", fee)).toThrow("fee: expected a positive amount")
  })
})
