import { mergeUnreportedAmendment } from "../../../modules/billing-collection/amendment"
import { amendmentAfter, ibanBank, mandateProblems, StoredMandate } from "../mandate-rules"

const TODAY = "2026-12-04"
/** Commerzbank (37040044) twice, DKB (12030000). */
const COMMERZBANK = "DE89370400440532013000"
const COMMERZBANK_2 = "DE62370400440532013001"
const DKB = "DE02120300000000202051"

function mandate(overrides: Partial<StoredMandate> = {}): StoredMandate {
  return {
    mandate_reference: "M-1",
    signature_date: "2026-11-01",
    debtor_name: "Erika Mustermann",
    debtor_iban: COMMERZBANK,
    debtor_bic: null,
    street_name: "Heidestraße",
    building_number: "17",
    postal_code: "51147",
    town_name: "Köln",
    country_code: "DE",
    pending_amendment: null,
    last_collection_date: null,
    first_collection_at: null,
    ...overrides,
  }
}

describe("mandate problems (the pain.008 rules on a probe collection)", () => {
  it("accepts a collectable mandate", () => {
    expect(mandateProblems(mandate(), TODAY)).toEqual([])
  })

  it.each([
    [{ mandate_reference: "MANDAT-ä" }, "mandate_reference", 'contains "ä", which is not in the SEPA character set'],
    [{ mandate_reference: "M".repeat(36) }, "mandate_reference", "is 36 characters long, at most 35 are allowed"],
    [{ signature_date: "2026-12-05" }, "mandate_signature_date", "2026-12-05 is after today (2026-12-04)"],
    [{ signature_date: "2023-12-03" }, "mandate_signature_date", "the mandate lapsed on 2026-12-03: not used for 36 months"],
    [{ debtor_iban: "DE89370400440532013001" }, "debtor_iban", "DE89370400440532013001 is not a valid IBAN (the check digits do not match)"],
    [{ debtor_bic: "XYZ" }, "debtor_bic", "XYZ is not a valid BIC"],
    [{ debtor_name: " " }, "debtor_name", "is empty"],
    [{ town_name: "" }, "debtor_address.town_name", "is required: banks reject addresses without town and country"],
    [{ country_code: "XX" }, "debtor_address.country_code", '"XX" is not an ISO 3166 country code'],
  ])("%j → %s", (change, field, reason) => {
    expect(mandateProblems(mandate(change), TODAY)).toEqual([{ field, reason }])
  })

  it("counts the 36 months from the last collection", () => {
    expect(mandateProblems(mandate({ signature_date: "2020-01-01", last_collection_date: "2025-01-01" }), TODAY)).toEqual([])
  })
})

describe("amendments", () => {
  const used = (overrides: Partial<StoredMandate> = {}) => mandate({ first_collection_at: "2026-11-15T10:00:00Z", ...overrides })

  it("reports nothing before the mandate's first collection", () => {
    expect(amendmentAfter(mandate(), { mandate_reference: "M-2", debtor_iban: DKB })).toBeNull()
  })

  it("reports the original reference, kept across several changes, and drops it when changed back", () => {
    expect(amendmentAfter(used(), { mandate_reference: "M-2" })).toEqual({ original_mandate_reference: "M-1" })
    const twice = used({ mandate_reference: "M-2", pending_amendment: { original_mandate_reference: "M-1" } })
    expect(amendmentAfter(twice, { mandate_reference: "M-3" })).toEqual({ original_mandate_reference: "M-1" })
    expect(amendmentAfter(twice, { mandate_reference: "M-1" })).toBeNull()
  })

  it("reports the original IBAN within the same bank and SMNDA for a move to another bank", () => {
    expect(ibanBank(COMMERZBANK)).toBe(ibanBank(COMMERZBANK_2))
    expect(ibanBank(COMMERZBANK)).not.toBe(ibanBank(DKB))
    expect(amendmentAfter(used(), { debtor_iban: COMMERZBANK_2 })).toEqual({ original_debtor_iban: COMMERZBANK })
    expect(amendmentAfter(used(), { debtor_iban: "de02 1203 0000 0000 2020 51" })).toEqual({ debtor_agent_changed: true })
    // First a same-bank change, then a move: SMNDA, without the original IBAN.
    const moved = used({ debtor_iban: COMMERZBANK_2, pending_amendment: { original_debtor_iban: COMMERZBANK } })
    expect(amendmentAfter(moved, { debtor_iban: DKB })).toEqual({ debtor_agent_changed: true })
    expect(amendmentAfter(moved, { debtor_iban: COMMERZBANK })).toBeNull()
    // An unchanged IBAN changes nothing.
    expect(amendmentAfter(used(), { debtor_iban: COMMERZBANK, mandate_reference: "M-1" })).toBeNull()
  })

  it("amended mandates still pass the pain.008 rules", () => {
    const amendment = amendmentAfter(used(), { mandate_reference: "M-2", debtor_iban: DKB })
    expect(amendment).toEqual({ original_mandate_reference: "M-1", debtor_agent_changed: true })
    expect(mandateProblems(used({ mandate_reference: "M-2", debtor_iban: DKB, pending_amendment: amendment }), TODAY)).toEqual([])
  })

  it("puts back an amendment whose batch was cancelled, the older originals winning", () => {
    const current = { mandate_reference: "M-3", debtor_iban: DKB }
    expect(mergeUnreportedAmendment({ original_mandate_reference: "M-1" }, null, current)).toEqual({ original_mandate_reference: "M-1" })
    expect(mergeUnreportedAmendment({ original_mandate_reference: "M-1" }, { original_mandate_reference: "M-2" }, current)).toEqual({ original_mandate_reference: "M-1" })
    expect(mergeUnreportedAmendment({ original_debtor_iban: COMMERZBANK }, { debtor_agent_changed: true }, current)).toEqual({ debtor_agent_changed: true })
    expect(mergeUnreportedAmendment({ original_mandate_reference: "M-3" }, null, current)).toBeNull()
    expect(mergeUnreportedAmendment({ original_debtor_iban: DKB }, null, current)).toBeNull()
    expect(mergeUnreportedAmendment(null, null, current)).toBeNull()
  })
})
