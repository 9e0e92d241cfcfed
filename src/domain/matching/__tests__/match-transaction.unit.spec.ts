import type { BankEntry, BankTransaction } from "../../bank/types"
import { matchTransaction, resolveMatchConfig, toMatchInput } from "../match-transaction"
import { buildOpenItemIndex } from "../open-item-index"
import type { MatchConfig, MatchInput, MatchResult, OpenItem } from "../types"
import { IBAN, KNOWN_IBANS, openItem, payment } from "./matching-fixtures"

/**
 * The world most tests match against:
 * A "Müller Bau GmbH" (IBAN known): RE-…123 119.00, RE-…124 238.00 (due later), RE-…130 59.50 (newest)
 * B "Schmidt Software AG" (IBAN known): RE-…200 99.00, RE-…201 49.00, RE-…210 29.90 (collected by direct debit)
 * C "Hans Weber" (own IBAN unknown; a shared account is known for C and D): RE-…300 75.00
 * D "Müller Bau AG" — a near-duplicate of A's name: RE-…400 238.00
 */
const WORLD: OpenItem[] = [
  openItem(123, "a", "119.00"),
  openItem(124, "a", "238.00", { due_date: "2026-02-20" }),
  openItem(130, "a", "59.50", { issue_date: "2026-02-15", due_date: "2026-03-01" }),
  openItem(200, "b", "99.00"),
  openItem(201, "b", "49.00", { due_date: "2026-02-16" }),
  openItem(210, "b", "29.90", { end_to_end_ids: ["SDD-0042"], mandate_id: "MNDT-B", collection_date: "2026-02-18" }),
  openItem(300, "c", "75.00"),
  openItem(400, "d", "238.00"),
]
const world = buildOpenItemIndex(WORLD)

function match(input: Partial<MatchInput>, config: Partial<MatchConfig> = {}, items?: OpenItem[]): MatchResult {
  return matchTransaction(payment(input), items ? buildOpenItemIndex(items) : world, KNOWN_IBANS, config)
}

function booked(result: MatchResult): string[] {
  return result.allocations.map((allocation) => `${allocation.invoice_number}=${allocation.amount}`)
}

function suggested(result: MatchResult): string[][] {
  return result.suggestions.map((suggestion) => suggestion.allocations.map((allocation) => `${allocation.invoice_number}=${allocation.amount}`))
}

describe("evidence 1: our direct debit collection", () => {
  it("books by our end-to-end id", () => {
    const result = match({ amount: "29.90", end_to_end_id: "SDD-0042", counterparty_iban: IBAN.stranger })
    expect(result).toMatchObject({ decision: "auto", confidence: 0.99, customer_id: "cus_b" })
    expect(booked(result)).toEqual(["RE-2026-000210=29.90"])
    expect(result.suggestions[0].reasons).toEqual(["end-to-end id SDD-0042 of our direct debit collection", "amount matches open amount"])
  })

  it("sends an end-to-end id with another amount to review", () => {
    const result = match({ amount: "29.00", end_to_end_id: "SDD-0042" })
    expect(result).toMatchObject({ decision: "review", confidence: 0.8 })
    expect(suggested(result)[0]).toEqual(["RE-2026-000210=29.00"])
  })

  it("books by mandate and a collection date within 5 days", () => {
    const result = match({ amount: "29.90", mandate_id: "MNDT-B", booking_date: "2026-02-22" })
    expect(result).toMatchObject({ decision: "auto", confidence: 0.95 })
    expect(result.suggestions[0].reasons[0]).toBe("mandate MNDT-B, collection on 2026-02-18")
  })

  it("ignores the mandate when no collection is near the booking date", () => {
    expect(match({ amount: "29.90", mandate_id: "MNDT-B", booking_date: "2026-02-24" }).decision).toBe("unmatched")
  })

  it("does not read NOTPROVIDED as an end-to-end id", () => {
    expect(match({ amount: "29.90", end_to_end_id: "NOTPROVIDED" }).decision).toBe("unmatched")
  })
})

describe("evidence 2: invoice numbers", () => {
  it("books a clean number with exactly its open amount", () => {
    const result = match({ amount: "119.00", remittance_text: "Rechnung RE-2026-000123" })
    expect(result).toMatchObject({ decision: "auto", confidence: 0.97, customer_id: "cus_a", credit_amount: "0.00", write_off_amount: "0.00" })
    expect(result.allocations).toEqual([{ invoice_id: "inv_123", invoice_number: "RE-2026-000123", amount: "119.00", write_off_amount: "0.00" }])
    expect(result.suggestions[0].reasons).toEqual(["invoice number RE-2026-000123 in remittance text", "amount matches open amount"])
  })

  it.each([
    ["RE 2026 000123", null],
    ["re2026000123", null],
    ["Zahlung", "RE2026000123"],
  ])("books %j / structured reference %j", (text, structured) => {
    const result = match({ amount: "119.00", remittance_text: text, structured_reference: structured })
    expect(booked(result)).toEqual(["RE-2026-000123=119.00"])
    expect(result.decision).toBe("auto")
  })

  it("pays several referenced invoices with their sum, oldest first", () => {
    const result = match({ amount: "357.00", remittance_text: "RE-2026-000124 und RE-2026-000123" })
    expect(result.decision).toBe("auto")
    expect(booked(result)).toEqual(["RE-2026-000123=119.00", "RE-2026-000124=238.00"])
    expect(result.suggestions[0].reasons).toContain("amount matches the sum of the open amounts of 2 invoices")
  })

  it("books completed counters of the same customer: RE-2026-000123 + 000124", () => {
    const result = match({ amount: "357.00", remittance_text: "RE-2026-000123 + 000124" })
    expect(result.decision).toBe("auto")
    expect(booked(result)).toEqual(["RE-2026-000123=119.00", "RE-2026-000124=238.00"])
  })

  it("allocates a partial payment of several invoices oldest first when the customer is corroborated", () => {
    const result = match({ amount: "300.00", remittance_text: "RE-2026-000124, RE-2026-000123", counterparty_iban: IBAN.a })
    expect(result.decision).toBe("auto")
    expect(booked(result)).toEqual(["RE-2026-000123=119.00", "RE-2026-000124=181.00"])
  })

  it("sends invoices of several customers paid together to review", () => {
    const result = match({ amount: "218.00", remittance_text: "RE-2026-000123 RE-2026-000200" })
    expect(result).toMatchObject({ decision: "review", confidence: 0.75, customer_id: null })
    expect(suggested(result)[0]).toEqual(["RE-2026-000123=119.00", "RE-2026-000200=99.00"])
  })

  it.each<[string, Partial<MatchInput>, string, number]>([
    ["nobody", {}, "review", 0.75],
    ["the known IBAN", { counterparty_iban: IBAN.a }, "auto", 0.92],
    ["the payer name", { counterparty_name: "MUELLER BAU GMBH" }, "auto", 0.92],
    ["the customer number", { remittance_text: "RE-2026-000123 Kd K-100001" }, "auto", 0.92],
  ])("books a partial payment of a clean number only when corroborated by %s", (_, extra, decision, confidence) => {
    const result = match({ amount: "100.00", remittance_text: "RE-2026-000123", ...extra })
    expect(result).toMatchObject({ decision, confidence })
    expect(suggested(result)[0]).toEqual(["RE-2026-000123=100.00"])
    expect(result.suggestions[0].reasons).toContain("partial payment: 100.00 of 119.00 open")
  })

  it("credits an overpayment of a corroborated customer", () => {
    const result = match({ amount: "130.00", remittance_text: "RE-2026-000123", counterparty_iban: IBAN.a })
    expect(result).toMatchObject({ decision: "auto", credit_amount: "11.00", customer_id: "cus_a" })
    expect(booked(result)).toEqual(["RE-2026-000123=119.00"])
    expect(result.suggestions[0].reasons).toContain("overpayment: 11.00 more than the open amount, credited to the customer")
  })

  it("doubts an overpayment whose surplus pays another open item of the customer", () => {
    const result = match({ amount: "178.50", remittance_text: "RE-2026-000123", counterparty_iban: IBAN.a })
    expect(result.decision).toBe("review")
    expect(suggested(result)).toContainEqual(["RE-2026-000123=119.00", "RE-2026-000130=59.50"])
    expect(suggested(result)).toContainEqual(["RE-2026-000123=119.00"])
  })

  it.each<[string, string, string, string]>([
    ["1.00", "auto", "0.50", "amount is 0.50 below the open amount, within the write-off tolerance"],
    ["0.49", "review", "0.00", "partial payment: 118.50 of 119.00 open"],
  ])("with tolerance %s a payment 0.50 short is %s", (tolerance, decision, writeOff, reason) => {
    const result = match({ amount: "118.50", remittance_text: "RE-2026-000123" }, { write_off_tolerance: tolerance })
    expect(result.decision).toBe(decision)
    expect(result.suggestions[0].allocations[0]).toMatchObject({ amount: "118.50", write_off_amount: writeOff })
    expect(result.suggestions[0].write_off_amount).toBe(writeOff)
    expect(result.suggestions[0].reasons).toContain(reason)
  })

  it.each<[string, Partial<MatchInput>, string, number]>([
    ["OCR-like letters, uncorroborated", { remittance_text: "RE-2026-OOO123" }, "review", 0.85],
    ["OCR-like letters, IBAN known", { remittance_text: "RE-2026-OOO123", counterparty_iban: IBAN.a }, "auto", 0.93],
    ["year and counter without prefix", { remittance_text: "Rechnung 2026-000123" }, "auto", 0.9],
    ["a missing digit, uncorroborated", { remittance_text: "RE-2026-00123" }, "review", 0.75],
    ["a missing digit, IBAN known", { remittance_text: "RE-2026-00123", counterparty_iban: IBAN.a }, "auto", 0.9],
    ["swapped digits, payer name similar", { remittance_text: "RE-2026-000213", counterparty_name: "Müller Bau" }, "auto", 0.9],
    ["swapped digits, payer name different", { remittance_text: "RE-2026-000213", counterparty_name: "Peter Lustig" }, "review", 0.75],
    ["a bare counter, uncorroborated", { remittance_text: "Rechnung 123" }, "review", 0.7],
    ["a bare counter, IBAN known", { remittance_text: "Rechnung 123", counterparty_iban: IBAN.a }, "auto", 0.9],
  ])("reads a number with %s", (_, extra, decision, confidence) => {
    const result = match({ amount: "119.00", ...extra })
    expect(result).toMatchObject({ decision, confidence })
    expect(suggested(result)[0]).toEqual(["RE-2026-000123=119.00"])
  })

  it("names the reading in the reasons", () => {
    expect(match({ amount: "119.00", remittance_text: "RE-2026-OOO123" }).suggestions[0].reasons[0]).toBe(
      'invoice number RE-2026-000123 read from "RE-2026-OOO123" (letters taken for digits) in remittance text'
    )
    expect(match({ amount: "119.00", remittance_text: "RE-2026-00123", counterparty_iban: IBAN.a }).suggestions[0].reasons[0]).toBe(
      '"RE-2026-00123" in remittance text is one character away from invoice RE-2026-000123'
    )
    expect(match({ amount: "119.00", remittance_text: "Rechnung 123" }).suggestions[0].reasons[0]).toBe(
      'invoice counter "123" of RE-2026-000123 in remittance text'
    )
  })

  it("does not book a bare counter whose invoice has another amount", () => {
    expect(match({ amount: "50.00", remittance_text: "Rechnung 123" }).decision).toBe("unmatched")
  })
})

describe("evidence that contradicts a reading (wrong bookings that would be easy)", () => {
  it("invoice of A in the text, amount of an open invoice of B, IBAN known for B: review, and no booking", () => {
    const result = match({ amount: "99.00", remittance_text: "Rechnung RE-2026-000123", counterparty_iban: IBAN.b })
    expect(result.decision).toBe("review")
    expect(result.allocations).toEqual([])
    expect(result.customer_id).toBeNull()
    expect(result.suggestions.every((suggestion) => suggestion.confidence < 0.9)).toBe(true)
    expect(suggested(result)).toEqual(expect.arrayContaining([["RE-2026-000123=99.00"], ["RE-2026-000200=99.00"]]))
    const byB = result.suggestions.find((suggestion) => suggestion.customer_id === "cus_b")
    expect(byB?.reasons).toContain("the remittance information references 1 other invoice(s)")
  })

  it("a clean number with its exact amount from an IBAN known for another customer goes to review", () => {
    const result = match({ amount: "119.00", remittance_text: "RE-2026-000123", counterparty_iban: IBAN.b })
    expect(result).toMatchObject({ decision: "review", confidence: 0.85 })
    expect(result.suggestions[0].reasons).toContain("IBAN known for another customer")
  })

  it("a clean number with its exact amount but another customer's number in the text goes to review", () => {
    const result = match({ amount: "119.00", remittance_text: "RE-2026-000123 Kundennr. K-100002" })
    expect(result).toMatchObject({ decision: "review", confidence: 0.6 })
    expect(result.suggestions[0].reasons).toContain("the customer number in the remittance information belongs to another customer")
  })

  it.each<[string, Partial<MatchInput>]>([
    ["IBAN", { counterparty_iban: IBAN.a }],
    ["name", { counterparty_name: "Müller Bau GmbH", counterparty_iban: IBAN.stranger }],
  ])("a number one typo away from the payer's own invoice of this amount is doubted (payer known by %s)", (_, payer) => {
    // The payer (A) wrote B's RE-2026-000200; A's RE-2026-000209 has exactly the amount.
    const items = [...WORLD, openItem(209, "a", "99.00")]
    const result = match({ amount: "99.00", remittance_text: "RE-2026-000200", ...payer }, {}, items)
    expect(result.decision).toBe("review")
    expect(suggested(result)).toEqual(expect.arrayContaining([["RE-2026-000200=99.00"], ["RE-2026-000209=99.00"]]))
    expect(result.suggestions.find((suggestion) => suggestion.customer_id === "cus_a")?.reasons[0]).toBe(
      '"RE-2026-000200" is one character away from invoice RE-2026-000209'
    )
  })

  it("a partial payment of a clean number is doubted when a neighbouring number has exactly the amount", () => {
    const items = [...WORLD, openItem(122, "a", "100.00")]
    const result = match({ amount: "100.00", remittance_text: "RE-2026-000123", counterparty_iban: IBAN.a }, {}, items)
    expect(result).toMatchObject({ decision: "review", confidence: 0.8 })
  })

  it("a partial payment of a clean number is doubted when another open item of the customer has exactly the amount", () => {
    const result = match({ amount: "59.50", remittance_text: "RE-2026-000123", counterparty_iban: IBAN.a })
    expect(result).toMatchObject({ decision: "review", confidence: 0.8 })
    expect(suggested(result)).toEqual(expect.arrayContaining([["RE-2026-000123=59.50"], ["RE-2026-000130=59.50"]]))
  })

  it("never books a surplus without a customer to credit it to", () => {
    const input = { amount: "300.00", remittance_text: "RE-2026-000123 RE-2026-000200" }
    const result = match(input, { auto_book_threshold: 0.5 })
    expect(result.suggestions[0]).toMatchObject({ customer_id: null, credit_amount: "82.00", confidence: 0.75 })
    expect(result.decision).toBe("review")
  })

  it("our end-to-end id outranks a text pointing elsewhere", () => {
    const result = match({ amount: "29.90", end_to_end_id: "SDD-0042", remittance_text: "RE-2026-000123" })
    expect(result.decision).toBe("auto")
    expect(booked(result)).toEqual(["RE-2026-000210=29.90"])
  })
})

describe("evidence 3–6: customer by number, IBAN or name, and the amount", () => {
  it.each<[string, Partial<MatchInput>, string, number, string[]]>([
    ["customer number", { amount: "99.00", remittance_text: "Kundennummer K-100002" }, "review", 0.85, ["RE-2026-000200=99.00"]],
    ["customer number and IBAN", { amount: "99.00", remittance_text: "Kd-Nr. 100002", counterparty_iban: IBAN.b }, "auto", 0.93, ["RE-2026-000200=99.00"]],
    ["customer number, two items", { amount: "148.00", remittance_text: "K-100002" }, "review", 0.8, ["RE-2026-000200=99.00", "RE-2026-000201=49.00"]],
    ["known IBAN, one item with the amount", { amount: "59.50", counterparty_iban: IBAN.a }, "auto", 0.9, ["RE-2026-000130=59.50"]],
    ["known IBAN and payer name", { amount: "59.50", counterparty_iban: IBAN.a, counterparty_name: "Mueller Bau GmbH" }, "auto", 0.93, ["RE-2026-000130=59.50"]],
    ["an IBAN shared by two customers", { amount: "75.00", counterparty_iban: IBAN.shared }, "review", 0.8, ["RE-2026-000300=75.00"]],
    ["payer name and amount", { amount: "75.00", counterparty_name: "WEBER, HANS", counterparty_iban: IBAN.stranger }, "review", 0.75, ["RE-2026-000300=75.00"]],
    ["known IBAN, unique subset", { amount: "178.50", counterparty_iban: IBAN.a }, "auto", 0.9, ["RE-2026-000123=119.00", "RE-2026-000130=59.50"]],
    ["known IBAN, all open items", { amount: "416.50", counterparty_iban: IBAN.a }, "auto", 0.9, ["RE-2026-000123=119.00", "RE-2026-000124=238.00", "RE-2026-000130=59.50"]],
    ["payer name, subset", { amount: "148.00", counterparty_name: "Schmidt Software" }, "review", 0.7, ["RE-2026-000200=99.00", "RE-2026-000201=49.00"]],
  ])("%s", (_, input, decision, confidence, allocations) => {
    const result = match(input)
    expect(result).toMatchObject({ decision, confidence })
    expect(suggested(result)[0]).toEqual(allocations)
  })

  it("sends two open items of the same amount to review, oldest first", () => {
    const items = [openItem(1, "a", "29.90"), openItem(2, "a", "29.90", { due_date: "2026-03-15" })]
    const result = match({ amount: "29.90", counterparty_iban: IBAN.a }, {}, items)
    expect(result).toMatchObject({ decision: "review", confidence: 0.7, customer_id: "cus_a" })
    expect(suggested(result)).toEqual([["RE-2026-000001=29.90"], ["RE-2026-000002=29.90"]])
    expect(result.suggestions[0].reasons).toContain("ambiguous: 2 allocations of this amount for the customer")
  })

  it("sends several subsets of the same sum to review", () => {
    const items = [openItem(1, "a", "100.00"), openItem(2, "a", "50.00"), openItem(3, "a", "50.00", { due_date: "2026-03-01" })]
    const result = match({ amount: "150.00", counterparty_iban: IBAN.a }, {}, items)
    expect(result.decision).toBe("review")
    expect(suggested(result)).toEqual([
      ["RE-2026-000001=100.00", "RE-2026-000002=50.00"],
      ["RE-2026-000001=100.00", "RE-2026-000003=50.00"],
    ])
  })

  it("looks at no more than max_subset_items oldest items", () => {
    expect(match({ amount: "416.50", counterparty_iban: IBAN.a }, { max_subset_items: 2 }).decision).toBe("unmatched")
  })

  it("offers both customers with near-identical names", () => {
    const result = match({ amount: "238.00", counterparty_name: "Müller Bau", counterparty_iban: IBAN.stranger })
    expect(result.decision).toBe("review")
    expect(result.suggestions.map((suggestion) => suggestion.customer_id).sort()).toEqual(["cus_a", "cus_d"])
    expect(result.customer_id).toBeNull()
  })

  it("uses name and amount only within the date window", () => {
    const late = { amount: "75.00", counterparty_name: "Hans Weber", booking_date: "2026-04-20" }
    expect(match(late, { date_window_days: 60 }).decision).toBe("unmatched")
    expect(match(late, { date_window_days: 70 }).decision).toBe("review")
    expect(match({ ...late, booking_date: "2026-01-31" }).decision).toBe("unmatched") // before the invoice was issued
  })
})

describe("decisions", () => {
  it("leaves a payment without evidence unmatched", () => {
    expect(match({ amount: "1234.56", remittance_text: "Gehalt 03/2026", counterparty_name: "Finanzamt Köln" })).toEqual({
      decision: "unmatched",
      confidence: 0,
      allocations: [],
      customer_id: null,
      credit_amount: "0.00",
      write_off_amount: "0.00",
      suggestions: [],
    })
  })

  it("names the customer of an unmatched payment from a known IBAN", () => {
    expect(match({ amount: "10.00", counterparty_iban: IBAN.a })).toMatchObject({ decision: "unmatched", customer_id: "cus_a" })
  })

  it("never matches across currencies", () => {
    const result = match({ amount: "119.00", currency: "USD", remittance_text: "RE-2026-000123", counterparty_iban: IBAN.a })
    expect(result.decision).not.toBe("auto")
    expect(result.suggestions).toEqual([])
  })

  it("sends two equally good readings to review (ambiguity)", () => {
    const items = [openItem(123, "a", "119.00"), openItem(125, "a", "119.00", { due_date: "2026-03-01" })]
    const result = match({ amount: "119.00", remittance_text: "RE-2026-00123 / RE-2026-00125", counterparty_iban: IBAN.a }, {}, items)
    expect(result.decision).toBe("review")
    expect(result.suggestions.slice(0, 2).map((suggestion) => suggestion.confidence)).toEqual([0.9, 0.9])
  })

  it.each<[number, string]>([
    [0.99, "review"],
    [0.97, "auto"],
  ])("honours auto_book_threshold %d", (threshold, decision) => {
    expect(match({ amount: "119.00", remittance_text: "RE-2026-000123" }, { auto_book_threshold: threshold }).decision).toBe(decision)
  })

  it("can book a name-only payment when the threshold is lowered", () => {
    const input = { amount: "75.00", counterparty_name: "Hans Weber" }
    expect(match(input).decision).toBe("review")
    expect(match(input, { auto_book_threshold: 0.7 }).decision).toBe("auto")
  })

  it("does not book when another allocation comes within 0.1 of the best", () => {
    // "Hans Weber" resembles C (1.0 → 0.75) and E "Hans Weber Bau" (0.8 → 0.65), both with 75.00 open.
    const items = [openItem(300, "c", "75.00"), openItem(500, "c", "75.00", { customer_id: "cus_e", customer_name: "Hans Weber Bau", customer_number: null })]
    const result = match({ amount: "75.00", counterparty_name: "Hans Weber" }, { auto_book_threshold: 0.7 }, items)
    expect(result.suggestions.map((suggestion) => [suggestion.customer_id, suggestion.confidence])).toEqual([
      ["cus_c", 0.75],
      ["cus_e", 0.65],
    ])
    expect(result.decision).toBe("review")
  })

  it("returns at most five suggestions, best first", () => {
    const items = Array.from({ length: 8 }, (_, position) => openItem(position + 1, "a", "10.00", { due_date: `2026-02-${10 + position}` }))
    const result = match({ amount: "10.00", counterparty_iban: IBAN.a }, {}, items)
    expect(result.suggestions).toHaveLength(5)
    expect(suggested(result)[0]).toEqual(["RE-2026-000001=10.00"])
  })

  it("accepts known IBANs as a plain record", () => {
    const result = matchTransaction(payment({ amount: "59.50", counterparty_iban: "de89 3704 0044 0532 0130 00" }), world, { [IBAN.a]: ["cus_a"] })
    expect(booked(result)).toEqual(["RE-2026-000130=59.50"])
  })

  it("rejects invalid input and settings, naming the field", () => {
    expect(() => match({ amount: "-1.00" })).toThrow("amount: invalid amount")
    expect(() => match({ booking_date: "2026-02-30" })).toThrow("Invalid booking_date")
    expect(() => resolveMatchConfig({ auto_book_threshold: 0 })).toThrow("auto_book_threshold")
    expect(() => resolveMatchConfig({ write_off_tolerance: "1.001" })).toThrow("write_off_tolerance")
    expect(() => resolveMatchConfig({ date_window_days: -1 })).toThrow("date_window_days")
    expect(() => resolveMatchConfig({ max_subset_items: 31 })).toThrow("max_subset_items")
  })
})

describe("toMatchInput", () => {
  const transaction: BankTransaction = {
    amount: "119.00",
    direction: "credit",
    end_to_end_id: "E2E",
    mandate_id: "M",
    creditor_id: null,
    account_servicer_reference: null,
    remittance_text: "RE-2026-000123",
    structured_reference: "RF18",
    counterparty_name: "Müller Bau",
    counterparty_iban: IBAN.a,
    counterparty_bic: null,
    return_reason: null,
    fee_amount: null,
  }
  const entry: BankEntry = {
    entry_reference: null,
    booking_date: "2026-02-20",
    value_date: null,
    amount: "119.00",
    direction: "credit",
    currency: "EUR",
    reversal: false,
    status: "booked",
    bank_transaction_code: null,
    transactions: [transaction],
  }

  it("takes amount and texts from the transaction, currency and date from the entry", () => {
    expect(toMatchInput(entry, transaction)).toEqual({
      amount: "119.00",
      currency: "EUR",
      booking_date: "2026-02-20",
      remittance_text: "RE-2026-000123",
      structured_reference: "RF18",
      end_to_end_id: "E2E",
      mandate_id: "M",
      counterparty_name: "Müller Bau",
      counterparty_iban: IBAN.a,
    })
  })

  it.each<[string, BankEntry, BankTransaction]>([
    ["a debit", entry, { ...transaction, direction: "debit" }],
    ["a reversal", { ...entry, reversal: true }, transaction],
  ])("gives null for %s", (_, someEntry, someTransaction) => {
    expect(toMatchInput(someEntry, someTransaction)).toBeNull()
  })
})
