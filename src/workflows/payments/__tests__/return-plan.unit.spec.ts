import { planReturnMatching } from "../return-plan"
import { allocation, collection, stored } from "./fixtures"

const booked = (extra = {}) => stored({ status: "booked", end_to_end_id: "E2E-1", mandate_id: "MNDT-1", counterparty_iban: "DE02120300000000202051", ...extra })
const debit = (extra = {}) => stored({ direction: "debit", kind: "return", booking_date: "2026-03-09", ...extra })

describe("planReturnMatching", () => {
  it("reverses the booking a return names by end-to-end id, charges the included fee on the invoice, and returns the collection", () => {
    const credit = booked({ amount: "50.00" })
    const ret = debit({ amount: "53.00", fee_amount: "3.00", end_to_end_id: "E2E-1", return_reason: "MD06" })
    const plan = planReturnMatching({ debits: [ret], originals: [credit], allocations: [allocation(credit, { amount: "50.00" })], collections: [] })
    expect(plan.reversals).toEqual([
      { allocation_ids: [`bbal_${credit.id}_0`], reversed_by_transaction_id: ret.id, reversed_by: null, reason: "return MD06", booking_date: "2026-03-09" },
    ])
    expect(plan.bookings).toEqual([
      {
        transaction_id: ret.id,
        kind: "return",
        customer_id: "cus_erika",
        created_by: null,
        allocations: [expect.objectContaining({ kind: "fee", invoice_id: "binv_1", amount: "3.00", fee_counter_account: "bank", customer_id: "cus_erika" })],
      },
    ])
    expect(plan.updates).toEqual([
      expect.objectContaining({ id: credit.id, status: "returned", expect: ["booked"] }),
      expect.objectContaining({ id: ret.id, status: "returned", returns_transaction_id: credit.id, customer_id: "cus_erika" }),
    ])
    expect(plan.collection_returns).toEqual([{ end_to_end_id: "E2E-1", bank_transaction_id: ret.id, return_reason: "MD06" }])
    expect(plan.returned).toEqual([{ id: ret.id, returns_transaction_id: credit.id, invoice_ids: ["binv_1"], customer_id: "cus_erika", fee_amount: "3.00" }])
  })

  it("books a fee the return did not include against the fees account", () => {
    const credit = booked({ amount: "50.00" })
    const plan = planReturnMatching({
      debits: [debit({ amount: "50.00", fee_amount: "3.00", end_to_end_id: "E2E-1", return_reason: "AC04" })],
      originals: [credit],
      allocations: [allocation(credit, { amount: "50.00" })],
      collections: [],
    })
    expect(plan.bookings[0].allocations[0]).toMatchObject({ fee_counter_account: "fees", amount: "3.00" })
  })

  it("takes back only the returned collection of a batch credit; the batch stays booked", () => {
    const batch = booked({ amount: "149.00", end_to_end_id: null })
    const allocations = [
      allocation(batch, { position: 0, amount: "119.00", invoice_id: "binv_1", end_to_end_id: "E2E-binv_1" }),
      allocation(batch, { position: 1, amount: "30.00", invoice_id: "binv_2", customer_id: "cus_max", end_to_end_id: "E2E-binv_2" }),
    ]
    const ret = debit({ amount: "30.00", end_to_end_id: "E2E-binv_2", return_reason: "AC04" })
    const plan = planReturnMatching({ debits: [ret], originals: [batch], allocations, collections: [] })
    expect(plan.reversals[0].allocation_ids).toEqual([allocations[1].allocation_id])
    expect(plan.updates.map((u) => [u.id, u.status])).toEqual([[ret.id, "returned"]])
    expect(plan.returned[0]).toMatchObject({ invoice_ids: ["binv_2"], customer_id: "cus_max", returns_transaction_id: batch.id })
  })

  it("finds the original by mandate and amount when the end-to-end id is missing", () => {
    const credit = booked({ amount: "50.00", end_to_end_id: "NOTPROVIDED" })
    const ret = debit({ amount: "50.00", mandate_id: "MNDT-1", end_to_end_id: "NOTPROVIDED", return_reason: "MS03" })
    const plan = planReturnMatching({ debits: [ret], originals: [credit], allocations: [allocation(credit, { amount: "50.00" })], collections: [] })
    expect(plan.counts.returned).toBe(1)
    expect(plan.collection_returns).toEqual([])
  })

  it("matches the bank's reversal of a credit by counterparty IBAN and amount; an unbooked credit is just marked returned", () => {
    const credit = stored({ amount: "10.00", status: "review", counterparty_iban: "DE27100777770209299700" })
    const reversal = debit({ amount: "10.00", reversal: true, counterparty_iban: "DE27100777770209299700" })
    const plan = planReturnMatching({ debits: [reversal], originals: [credit], allocations: [], collections: [] })
    expect(plan.reversals).toEqual([])
    expect(plan.updates.map((u) => [u.id, u.status])).toEqual([
      [credit.id, "returned"],
      [reversal.id, "returned"],
    ])
  })

  it("returns a pending collection nobody booked yet and charges the fee to its customer", () => {
    const pending = collection("binv_7", "cus_max", "30.00")
    const ret = debit({ amount: "33.00", fee_amount: "3.00", end_to_end_id: pending.end_to_end_id, return_reason: "AM04" })
    const plan = planReturnMatching({ debits: [ret], originals: [], allocations: [], collections: [pending] })
    expect(plan.bookings[0].allocations[0]).toMatchObject({ customer_id: "cus_max", invoice_id: "binv_7", amount: "3.00", fee_counter_account: "bank" })
    expect(plan.collection_returns[0].end_to_end_id).toBe(pending.end_to_end_id)
  })

  it("leaves a return whose amount does not fit, or that finds nothing, unmatched, and ignores ordinary debits and reversed debits", () => {
    const credit = booked({ amount: "50.00" })
    const plan = planReturnMatching({
      debits: [
        debit({ amount: "70.00", end_to_end_id: "E2E-1", return_reason: "MD06" }),
        debit({ amount: "20.00", end_to_end_id: "E2E-unknown", return_reason: "MD06" }),
        debit({ amount: "850.00", kind: "other", remittance_text: "Miete" }),
        stored({ amount: "12.00", kind: "other", reversal: true, remittance_text: "Storno Lastschrift" }),
      ],
      originals: [credit],
      allocations: [allocation(credit, { amount: "50.00" })],
      collections: [],
    })
    expect(plan.updates.map((u) => [u.status, u.note])).toEqual([
      ["unmatched", expect.stringContaining("neither the 50.00 that came back")],
      ["unmatched", expect.stringContaining("no booking or collection")],
      ["ignored", expect.stringContaining("outgoing payment")],
      ["ignored", expect.stringContaining("reversal of a debit")],
    ])
    expect(plan.reversals).toEqual([])
    expect(plan.counts).toEqual({ returned: 0, unmatched: 2, ignored: 2 })
  })

  it("takes a booking back once even when two returns name it", () => {
    const credit = booked({ amount: "50.00" })
    const plan = planReturnMatching({
      debits: [debit({ amount: "50.00", end_to_end_id: "E2E-1", return_reason: "MD06" }), debit({ amount: "50.00", end_to_end_id: "E2E-1", return_reason: "MD06" })],
      originals: [credit],
      allocations: [allocation(credit, { amount: "50.00" })],
      collections: [],
    })
    expect(plan.counts).toEqual({ returned: 1, unmatched: 1, ignored: 0 })
  })
})
