import { MathBN } from "@medusajs/framework/utils"
import { allocationKey, allocationPostings, allocationReversalPostings, type PostableAllocation } from "../bank-postings"

const base: PostableAllocation = {
  transaction_id: "bbtx_1",
  booking_seq: 0,
  position: 0,
  kind: "invoice",
  invoice_id: "binv_1",
  invoice_number: "RE-2026-000001",
  customer_id: "cus_1",
  currency_code: "EUR",
  amount: "118.50",
  write_off_amount: "0.50",
  fee_counter_account: null,
  booking_date: "2026-03-02",
  transaction_label: "bank entry E1, Erika Mustermann",
}

const summary = (postings: ReturnType<typeof allocationPostings>) =>
  postings.map((p) => ({ key: p.idempotency_key, kind: p.kind, entries: p.entries.map((e) => [e.account.code, e.amount, e.invoice_id ?? null]) }))

const balanced = (postings: ReturnType<typeof allocationPostings>) =>
  postings.every((p) => p.entries.reduce((sum, e) => sum.plus(e.amount), MathBN.convert(0)).isZero())

describe("allocationPostings", () => {
  it("books a payment on an invoice against the bank and writes off a short payment, both on the invoice", () => {
    const postings = allocationPostings(base)
    expect(summary(postings)).toEqual([
      { key: "bank:bbtx_1:0:0:payment", kind: "payment", entries: [["bank:eur", "118.50", null], ["customer:cus_1:eur", "-118.50", "binv_1"]] },
      { key: "bank:bbtx_1:0:0:write_off", kind: "write_off", entries: [["write_off:eur", "0.50", null], ["customer:cus_1:eur", "-0.50", "binv_1"]] },
    ])
    expect(balanced(postings)).toBe(true)
    expect(postings[0]).toMatchObject({ booking_date: "2026-03-02", currency_code: "eur", customer_id: "cus_1", reference_type: "billing_bank_transaction", reference_id: "bbtx_1" })
  })

  it("credits an overpayment to the customer account without an invoice", () => {
    expect(summary(allocationPostings({ ...base, kind: "credit", invoice_id: "binv_1", write_off_amount: "0.00", position: 1 }))).toEqual([
      { key: "bank:bbtx_1:0:1:payment", kind: "payment", entries: [["bank:eur", "118.50", null], ["customer:cus_1:eur", "-118.50", null]] },
    ])
  })

  it("charges a return fee on the returned invoice, against the bank when the return included it, else against the fees account", () => {
    const fee = { ...base, kind: "fee" as const, amount: "3.00", write_off_amount: "0.00" }
    expect(summary(allocationPostings({ ...fee, fee_counter_account: "bank" }))[0].entries).toEqual([
      ["customer:cus_1:eur", "3.00", "binv_1"],
      ["bank:eur", "-3.00", null],
    ])
    expect(summary(allocationPostings({ ...fee, invoice_id: null, fee_counter_account: "fees" }))[0]).toEqual({
      key: "bank:bbtx_1:0:0:fee",
      kind: "fee",
      entries: [["customer:cus_1:eur", "3.00", null], ["fees:eur", "-3.00", null]],
    })
  })

  it("keys each booking of a transaction apart, so a re-booking after unmatch is booked again", () => {
    expect(allocationKey({ ...base, booking_seq: 1 }, "payment")).toBe("bank:bbtx_1:1:0:payment")
  })
})

describe("allocationReversalPostings", () => {
  it("mirrors every posting of the allocation under a reversal key", () => {
    const reversals = allocationReversalPostings(base, { booking_date: "2026-03-09", reason: "return MD06", reference_id: "bbtx_9", created_by: null })
    expect(summary(reversals)).toEqual([
      { key: "reversal:bank:bbtx_1:0:0:payment", kind: "reversal", entries: [["bank:eur", "-118.50", null], ["customer:cus_1:eur", "118.50", "binv_1"]] },
      { key: "reversal:bank:bbtx_1:0:0:write_off", kind: "reversal", entries: [["write_off:eur", "-0.50", null], ["customer:cus_1:eur", "0.50", "binv_1"]] },
    ])
    expect(reversals[0]).toMatchObject({ booking_date: "2026-03-09", reason: "return MD06", reference_id: "bbtx_9" })
    expect(balanced(reversals)).toBe(true)
  })
})
