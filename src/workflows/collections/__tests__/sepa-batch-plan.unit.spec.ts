import { validateXmlAgainstXsd } from "../../../domain/sepa/__tests__/corpora"
import { StoredMandate } from "../mandate-rules"
import { endToEndId, planSepaBatch, SepaBatchPlanInput, SepaCandidate } from "../sepa-batch-plan"
import { resolveSepaCreditor } from "../sepa-creditor"

const TODAY = "2026-12-04" // a Friday
const creditor = resolveSepaCreditor(
  {
    creditor_id: "DE98ZZZ09999999999",
    creditor_name: "Snack Box GmbH",
    creditor_iban: "DE89370400440532013000",
    creditor_address: { town_name: "Berlin", country_code: "DE" },
    pre_notification_days: 14,
  },
  "settings"
)

function mandate(id: string, overrides: Partial<StoredMandate> = {}): StoredMandate & { id: string } {
  return {
    id,
    mandate_reference: `M-${id}`,
    signature_date: "2026-11-01",
    debtor_name: `Debtor ${id}`,
    debtor_iban: "DE02120300000000202051",
    debtor_bic: null,
    street_name: null,
    building_number: null,
    postal_code: "10115",
    town_name: "Berlin",
    country_code: "DE",
    pending_amendment: null,
    last_collection_date: null,
    first_collection_at: "2026-10-01T00:00:00Z",
    ...overrides,
  }
}

let seq = 0
function candidate(customer: string, m: (StoredMandate & { id: string }) | null, overrides: Partial<SepaCandidate> = {}): SepaCandidate {
  seq += 1
  return {
    invoice_id: `binv_${seq}`,
    invoice_number: `RE-2026-${String(seq).padStart(6, "0")}`,
    customer_id: customer,
    contract_id: `bctr_${customer}`,
    currency_code: "eur",
    issue_date: `2026-11-${String(seq).padStart(2, "0")}`,
    due_date: "2026-12-20",
    open_amount: "35.7",
    mandate: m,
    previous_collections: 0,
    ...overrides,
  }
}

const plan = (candidates: SepaCandidate[], overrides: Partial<SepaBatchPlanInput> = {}) =>
  planSepaBatch({ today: TODAY, created_at: `${TODAY}T10:00:00Z`, message_id: "BSBA-TEST", requested_collection_date: null, creditor, candidates, ...overrides })

describe("planSepaBatch", () => {
  it("collects FRST once per new mandate, RCUR otherwise, grouped by date and sequence type, XSD-valid", () => {
    const fresh = mandate("a", { first_collection_at: null })
    const known = mandate("b")
    const a1 = candidate("cus_a", fresh)
    const a2 = candidate("cus_a", fresh)
    const b1 = candidate("cus_b", known, { due_date: "2027-01-15" })
    const b2 = candidate("cus_b", known, { previous_collections: 1, open_amount: "10" })
    const result = plan([b2, a2, b1, a1])

    expect(result.collections.map((c) => [c.invoice_id, c.sequence_type, c.collection_date, c.amount, c.payment_information_id])).toEqual([
      [a1.invoice_id, "FRST", "2026-12-21", "35.70", "BSBA-TEST-1"],
      [b2.invoice_id, "RCUR", "2026-12-21", "10.00", "BSBA-TEST-2"],
      [b1.invoice_id, "RCUR", "2027-01-15", "35.70", "BSBA-TEST-3"],
    ])
    // 2026-12-18 + 14 days… the due date 2026-12-20 is a Sunday → Monday 21st; earliest allowed is 2026-12-18.
    expect(result.skipped).toEqual([
      {
        invoice_id: a2.invoice_id,
        invoice_number: a2.invoice_number,
        customer_id: "cus_a",
        reason: `mandate M-a: its first collection (FRST, ${a1.invoice_number}) is in this file; this invoice follows with RCUR in the next one`,
      },
    ])
    expect(result.collections.find((c) => c.invoice_id === b2.invoice_id)?.end_to_end_id).toBe(`${b2.invoice_number}-2`)
    expect(result.control_sum).toBe("81.40")
    expect([result.first_collection_date, result.last_collection_date]).toEqual(["2026-12-21", "2027-01-15"])
    expect(result.mandates).toEqual([
      { id: "a", last_collection_date: "2026-12-21" },
      { id: "b", last_collection_date: "2027-01-15" },
    ])
    expect(result.payment_groups.map((g) => [g.sequence_type, g.count, g.control_sum])).toEqual([["FRST", 1, "35.70"], ["RCUR", 1, "10.00"], ["RCUR", 1, "35.70"]])
    const xsd = validateXmlAgainstXsd(result.xml as string, "plan")
    expect({ valid: xsd.valid, output: xsd.output }).toEqual({ valid: true, output: expect.any(String) })
  })

  it("never collects before pre-notification allows, and takes a later requested date (on a TARGET2 day)", () => {
    const early = plan([candidate("cus_c", mandate("c"), { due_date: "2026-12-05" })])
    expect(early.collections[0].collection_date).toBe("2026-12-18")
    const requested = plan([candidate("cus_c", mandate("c"))], { requested_collection_date: "2026-12-25" })
    expect(requested.collections[0].collection_date).toBe("2026-12-28")
  })

  it("skips invoices it cannot collect, with the reason, and builds the file from the rest", () => {
    const ok = candidate("cus_ok", mandate("ok"))
    const noMandate = candidate("cus_none", null)
    const chf = candidate("cus_chf", mandate("chf"), { currency_code: "chf" })
    const paid = candidate("cus_paid", mandate("paid"), { open_amount: "0" })
    const lapsed = candidate("cus_old", mandate("old", { signature_date: "2020-01-01", last_collection_date: "2022-06-01" }))
    const badName = candidate("cus_name", mandate("name", { debtor_name: "中文" }))
    const result = plan([ok, noMandate, chf, paid, lapsed, badName])
    expect(result.collections.map((c) => c.invoice_id)).toEqual([ok.invoice_id])
    expect(Object.fromEntries(result.skipped.map((s) => [s.customer_id, s.reason]))).toEqual({
      cus_none: "the customer has no active SEPA mandate",
      cus_chf: "currency_code: SEPA direct debits are in EUR, the invoice is in CHF",
      cus_paid: "nothing is open on the invoice",
      cus_old: "mandate M-old: last_collection_date: the mandate lapsed on 2025-06-01: not used for 36 months",
      cus_name: "mandate M-name: debtor_name: has no characters left in the SEPA character set",
    })
    expect(validateXmlAgainstXsd(result.xml as string, "skips").valid).toBe(true)
  })

  it("drops a transaction the file validation refuses and reports its field", () => {
    const ok = candidate("cus_ok", mandate("ok"))
    const tooLong = candidate("cus_long", mandate("long"), { invoice_number: "R".repeat(141) })
    const result = plan([ok, tooLong])
    expect(result.collections.map((c) => c.invoice_id)).toEqual([ok.invoice_id])
    expect(result.skipped).toEqual([expect.objectContaining({ invoice_id: tooLong.invoice_id, reason: expect.stringMatching(/^invoice_numbers: need 141 characters, more than the 140/) })])
  })

  it("reports the mandate's amendment on its collections", () => {
    const amended = mandate("am", { mandate_reference: "M-NEW", pending_amendment: { original_mandate_reference: "M-OLD" } })
    const result = plan([candidate("cus_am", amended)])
    expect(result.collections[0].amendment).toEqual({ original_mandate_reference: "M-OLD" })
    expect(result.xml).toContain("<OrgnlMndtId>M-OLD</OrgnlMndtId>")
  })

  it("returns no file when nothing can be collected", () => {
    const result = plan([candidate("cus_none", null)])
    expect(result.xml).toBeNull()
    expect(result.collections).toEqual([])
    expect(result.skipped).toHaveLength(1)
  })
})

describe("endToEndId", () => {
  it("is the invoice number and the collection's count when that is a SEPA identifier", () => {
    expect(endToEndId({ invoice_id: "binv_01ABC", invoice_number: "RE-2026-000001" }, 1)).toBe("RE-2026-000001-1")
    expect(endToEndId({ invoice_id: "binv_01ABC", invoice_number: "RE_2026_ä" }, 2)).toBe("E2-binv01ABC")
    expect(endToEndId({ invoice_id: "binv_01KBZ8Y0000000000000000000", invoice_number: null }, 12)).toBe("E12-binv01KBZ8Y0000000000000000000".slice(0, 35))
  })
})
