import { planPaymentMatching, toOpenItems } from "../matching-plan"
import { collection, invoice, stored } from "./fixtures"

const ERIKA_IBAN = "DE02120300000000202051"

describe("planPaymentMatching", () => {
  it("books a clean reference automatically, learns the payer's IBAN, and queues an ambiguous payment with its suggestions", () => {
    const clean = stored({ remittance_text: "Rechnung RE-2026-000001", counterparty_name: "Erika Mustermann", counterparty_iban: ERIKA_IBAN })
    const nameOnly = stored({ amount: "30.00", remittance_text: "Abo", counterparty_name: "Hans Weber" })
    const plan = planPaymentMatching({
      transactions: [clean, nameOnly],
      open_invoices: [invoice(1, "cus_erika", "119.00"), invoice(2, "cus_hans", "30.00"), invoice(3, "cus_hans", "30.00", { due_date: "2026-02-20" })],
      known_ibans: new Map(),
      collections: [],
      config: {},
    })
    expect(plan.counts).toEqual({ auto_booked: 1, review: 1, unmatched: 0 })
    expect(plan.bookings).toEqual([
      {
        transaction_id: clean.id,
        kind: "auto",
        customer_id: "cus_erika",
        created_by: null,
        allocations: [expect.objectContaining({ kind: "invoice", invoice_id: "binv_1", invoice_number: "RE-2026-000001", amount: "119.00", write_off_amount: "0.00", customer_id: "cus_erika" })],
      },
    ])
    expect(plan.known_ibans).toEqual([{ iban: ERIKA_IBAN, customer_id: "cus_erika", transaction_id: clean.id }])
    const review = plan.updates.find((u) => u.id === nameOnly.id)
    expect(review).toMatchObject({ status: "review", expect: ["new"] })
    expect((review?.suggestions as unknown[]).length).toBeGreaterThan(0)
  })

  it("does not pay an invoice twice in one run: the second payment goes to review", () => {
    const text = { remittance_text: "Rechnung RE-2026-000001", counterparty_name: "Erika Mustermann" }
    const [first, second] = [stored(text), stored(text)]
    const plan = planPaymentMatching({ transactions: [first, second], open_invoices: [invoice(1, "cus_erika", "119.00")], known_ibans: new Map(), collections: [], config: {} })
    expect(plan.bookings.map((b) => b.transaction_id)).toEqual([first.id])
    expect(plan.updates.find((u) => u.id === second.id)).toMatchObject({ status: "review", note: expect.stringContaining("RE-2026-000001 has less open") })
  })

  it("books the rest of an overpayment as credit and leaves the rest of a partial payment open", () => {
    const over = stored({ amount: "150.00", remittance_text: "RE-2026-000001", counterparty_name: "Erika Mustermann" })
    const partial = stored({ amount: "50.00", remittance_text: "Teilzahlung RE-2026-000002", counterparty_name: "Erika Mustermann", counterparty_iban: ERIKA_IBAN })
    const plan = planPaymentMatching({
      transactions: [over, partial],
      open_invoices: [invoice(1, "cus_erika", "119.00"), invoice(2, "cus_erika", "200.00")],
      known_ibans: new Map([[ERIKA_IBAN, ["cus_erika"]]]),
      collections: [],
      config: {},
    })
    const booking = (id: string) => plan.bookings.find((b) => b.transaction_id === id)?.allocations.map((a) => [a.kind, a.invoice_id, a.amount])
    expect(booking(over.id)).toEqual([["invoice", "binv_1", "119.00"], ["credit", null, "31.00"]])
    expect(booking(partial.id)).toEqual([["invoice", "binv_2", "50.00"]])
  })

  it("books a payment whose end-to-end id is our pending collection and settles the collection", () => {
    const pending = collection("binv_1", "cus_erika", "119.00")
    const credit = stored({ end_to_end_id: pending.end_to_end_id, mandate_id: pending.mandate_reference })
    const plan = planPaymentMatching({ transactions: [credit], open_invoices: [invoice(1, "cus_erika", "119.00")], known_ibans: new Map(), collections: [pending], config: {} })
    expect(plan.bookings[0].allocations[0]).toMatchObject({ invoice_id: "binv_1", end_to_end_id: pending.end_to_end_id })
    expect(plan.settlements).toEqual([{ end_to_end_id: pending.end_to_end_id, bank_transaction_id: credit.id }])
  })

  it("books a batch credit naming the payment information id with the batch's pending sum, one allocation per collection", () => {
    const collections = [collection("binv_1", "cus_erika", "119.00"), collection("binv_2", "cus_max", "30.00")]
    const batch = stored({ amount: "149.00", remittance_text: "SEPA-Sammel-Gutschrift PMTINF-20260301-RCUR 2 Posten" })
    const plan = planPaymentMatching({
      transactions: [batch],
      open_invoices: [invoice(1, "cus_erika", "119.00"), invoice(2, "cus_max", "30.00")],
      known_ibans: new Map(),
      collections,
      config: {},
    })
    expect(plan.counts.auto_booked).toBe(1)
    expect(plan.bookings[0]).toMatchObject({ customer_id: null })
    expect(plan.bookings[0].allocations.map((a) => [a.invoice_id, a.customer_id, a.amount, a.end_to_end_id])).toEqual([
      ["binv_1", "cus_erika", "119.00", "E2E-binv_1"],
      ["binv_2", "cus_max", "30.00", "E2E-binv_2"],
    ])
    expect(plan.settlements.map((s) => s.end_to_end_id)).toEqual(["E2E-binv_1", "E2E-binv_2"])
  })

  it("does not take a batch credit whose amount differs from the pending sum", () => {
    const plan = planPaymentMatching({
      transactions: [stored({ amount: "100.00", remittance_text: "PMTINF-20260301-RCUR" })],
      open_invoices: [invoice(1, "cus_erika", "119.00")],
      known_ibans: new Map(),
      collections: [collection("binv_1", "cus_erika", "119.00")],
      config: {},
    })
    expect(plan.bookings).toEqual([])
    expect(plan.settlements).toEqual([])
  })

  it("keeps a confident engine decision below a stricter threshold out of the books", () => {
    const clean = stored({ remittance_text: "Rechnung RE-2026-000001", counterparty_name: "Erika Mustermann" })
    const plan = planPaymentMatching({ transactions: [clean], open_invoices: [invoice(1, "cus_erika", "119.00")], known_ibans: new Map(), collections: [], config: { auto_book_threshold: 0.999 } })
    expect(plan.counts).toEqual({ auto_booked: 0, review: 1, unmatched: 0 })
  })

  it("gives the engine our collections' end-to-end ids and mandate on the open items", () => {
    const [item] = toOpenItems([invoice(1, "cus_erika", "119.00")], [collection("binv_1", "cus_erika", "119.00")])
    expect(item).toMatchObject({ currency: "EUR", end_to_end_ids: ["E2E-binv_1"], mandate_id: "MNDT-cus_erika", collection_date: "2026-03-01" })
  })
})
