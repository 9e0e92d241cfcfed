import {
  EU_MEMBER_STATES,
  isEuMemberState,
  normalizeRate,
  resolveTaxRate,
  REVERSE_CHARGE_NOTE,
  SMALL_BUSINESS_NOTE,
  taxTreatment,
  type TaxTreatmentInput,
} from "../tax"

// German standard and reduced rates including the temporary cut of 2020-07-01 … 2020-12-31
// (deliberately not sorted by date).
const DE_STANDARD = [
  { rate: "16", valid_from: "2020-07-01" },
  { rate: "19", valid_from: "2007-01-01" },
  { rate: "19", valid_from: "2021-01-01" },
]
const DE_REDUCED = [
  { rate: "7", valid_from: "2007-01-01" },
  { rate: "5", valid_from: "2020-07-01" },
  { rate: "7", valid_from: "2021-01-01" },
]

describe("resolveTaxRate", () => {
  it.each([
    [DE_STANDARD, "2006-12-31", null],
    [DE_STANDARD, "2007-01-01", "19"],
    [DE_STANDARD, "2020-06-30", "19"],
    [DE_STANDARD, "2020-07-01", "16"],
    [DE_STANDARD, "2020-12-31", "16"],
    [DE_STANDARD, "2021-01-01", "19"],
    [DE_STANDARD, "2026-03-15", "19"],
    [DE_REDUCED, "2020-12-31", "5"],
    [DE_REDUCED, "2021-01-01", "7"],
    [[], "2026-01-01", null],
    [[{ rate: "19.00", valid_from: "2007-01-01" }], "2026-01-01", "19"],
    [[{ rate: "5.50", valid_from: "2014-01-01" }], "2026-01-01", "5.5"],
    [[{ rate: 7, valid_from: "2007-01-01" }], "2026-01-01", "7"],
    [[{ rate: "0", valid_from: "2023-01-01" }], "2023-01-01", "0"],
  ])("rates %j on %s → %s", (rates, date, expected) => {
    expect(resolveTaxRate(rates, date)).toBe(expected)
  })

  it("rejects two rates starting on the same day", () => {
    const rates = [
      { rate: "19", valid_from: "2021-01-01" },
      { rate: "16", valid_from: "2021-01-01" },
    ]
    expect(() => resolveTaxRate(rates, "2026-01-01")).toThrow("Two tax rates are valid from 2021-01-01")
  })

  it.each(["2026-02-30", "01.01.2026", ""])("rejects the invalid date %j", (date) => {
    expect(() => resolveTaxRate(DE_STANDARD, date)).toThrow("Invalid")
  })
})

describe("normalizeRate", () => {
  it.each([
    ["19", "19"],
    ["19.00", "19"],
    ["7.0", "7"],
    ["5.50", "5.5"],
    ["0.00", "0"],
    [16, "16"],
    ["100", "100"],
  ])("%j → %s", (input, expected) => {
    expect(normalizeRate(input)).toBe(expected)
  })

  it.each(["-1", "100.01", "19%", "abc"])("rejects %j", (input) => {
    expect(() => normalizeRate(input)).toThrow("Invalid tax rate")
  })
})

describe("EU member states", () => {
  it("lists the 27 member states once each", () => {
    expect(EU_MEMBER_STATES).toHaveLength(27)
    expect(new Set(EU_MEMBER_STATES).size).toBe(27)
  })

  it.each([
    ["DE", true],
    ["de", true],
    ["AT", true],
    ["GR", true],
    ["EL", true], // Greek VAT prefix
    ["HR", true],
    ["CH", false],
    ["GB", false], // left the EU
    ["NO", false],
    ["XI", false], // Northern Ireland counts for goods only
    [null, false],
    ["", false],
  ])("%j → %s", (code, expected) => {
    expect(isEuMemberState(code)).toBe(expected)
  })
})

describe("taxTreatment", () => {
  const standard = { kind: "standard" as const, legal_note: null, rates: DE_STANDARD }
  const business = (country_code: string | null, vat_id: string | null) => ({ country_code, vat_id, is_business: true })
  const consumer = (country_code: string | null) => ({ country_code, vat_id: null, is_business: false })
  const input = (
    group: TaxTreatmentInput["group"],
    buyer: TaxTreatmentInput["buyer"],
    service_date = "2026-03-01"
  ): TaxTreatmentInput => ({ group, buyer, service_date, seller_country: "DE" })

  it.each<[string, TaxTreatmentInput, unknown]>([
    ["DE business with VAT id: domestic, 19 %", input(standard, business("DE", "DE123456789")), { rate: "19", category: "S", note: null }],
    ["AT business with VAT id: reverse charge", input(standard, business("AT", "ATU12345678")), { rate: "0", category: "AE", note: REVERSE_CHARGE_NOTE }],
    ["AT business, lower-case country code", input(standard, business("at", "ATU12345678")), { rate: "0", category: "AE", note: REVERSE_CHARGE_NOTE }],
    ["AT private buyer: German VAT", input(standard, consumer("AT")), { rate: "19", category: "S", note: null }],
    ["AT business without VAT id: German VAT", input(standard, business("AT", null)), { rate: "19", category: "S", note: null }],
    ["AT business with a blank VAT id: German VAT", input(standard, business("AT", "  ")), { rate: "19", category: "S", note: null }],
    ["AT VAT id but not a business: German VAT", input(standard, { country_code: "AT", vat_id: "ATU12345678", is_business: false }), { rate: "19", category: "S", note: null }],
    ["GR business with EL VAT id", input(standard, business("GR", "EL123456789")), { rate: "0", category: "AE", note: REVERSE_CHARGE_NOTE }],
    ["CH business (not EU): no intra-community reverse charge", input(standard, business("CH", "CHE-123.456.789")), { rate: "19", category: "S", note: null }],
    ["buyer without country", input(standard, business(null, "ATU12345678")), { rate: "19", category: "S", note: null }],
    ["service date 2020-12-31: 16 %", input(standard, consumer("DE"), "2020-12-31"), { rate: "16", category: "S", note: null }],
    ["service date 2021-01-01: 19 %", input(standard, consumer("DE"), "2021-01-01"), { rate: "19", category: "S", note: null }],
    ["reduced rate in the cut: 5 %", input({ ...standard, rates: DE_REDUCED }, consumer("DE"), "2020-07-01"), { rate: "5", category: "S", note: null }],
    ["standard group whose rate is 0 %: zero rated", input({ ...standard, rates: [{ rate: "0", valid_from: "2023-01-01" }] }, consumer("DE")), { rate: "0", category: "Z", note: null }],
    ["standard group with its own note", input({ ...standard, legal_note: "Hinweis" }, consumer("DE")), { rate: "19", category: "S", note: "Hinweis" }],
    ["§ 19: default note", input({ kind: "small_business", legal_note: null, rates: [] }, consumer("DE")), { rate: "0", category: "E", note: SMALL_BUSINESS_NOTE }],
    ["§ 19: the group's own note", input({ kind: "small_business", legal_note: "Kleinunternehmer", rates: [] }, consumer("DE")), { rate: "0", category: "E", note: "Kleinunternehmer" }],
    ["§ 19: blank note falls back", input({ kind: "small_business", legal_note: " ", rates: [] }, consumer("DE")), { rate: "0", category: "E", note: SMALL_BUSINESS_NOTE }],
    ["§ 19 to an AT business stays exempt", input({ kind: "small_business", legal_note: null, rates: [] }, business("AT", "ATU12345678")), { rate: "0", category: "E", note: SMALL_BUSINESS_NOTE }],
    ["tax free with reason", input({ kind: "tax_free", legal_note: "Steuerfrei gemäß § 4 Nr. 21 UStG", rates: [{ rate: "0", valid_from: "2000-01-01" }] }, consumer("DE")), { rate: "0", category: "E", note: "Steuerfrei gemäß § 4 Nr. 21 UStG" }],
    ["tax free without note", input({ kind: "tax_free", legal_note: null, rates: [] }, consumer("DE")), { rate: "0", category: "E", note: null }],
    ["reverse charge group, DE buyer: always AE", input({ kind: "reverse_charge", legal_note: null, rates: [] }, business("DE", "DE123456789")), { rate: "0", category: "AE", note: REVERSE_CHARGE_NOTE }],
    ["reverse charge group with its own note", input({ kind: "reverse_charge", legal_note: "§ 13b UStG", rates: [] }, consumer("DE")), { rate: "0", category: "AE", note: "§ 13b UStG" }],
  ])("%s", (_name, treatmentInput, expected) => {
    expect(taxTreatment(treatmentInput)).toEqual(expected)
  })

  it("reports the date when a standard group has no rate for it", () => {
    const group = { ...standard, rates: [{ rate: "19", valid_from: "2030-01-01" }] }
    expect(taxTreatment(input(group, consumer("DE"), "2026-01-01"))).toEqual({
      error: "No tax rate of the tax group is valid on 2026-01-01",
    })
  })

  it("reports ambiguous rates as an error, not an exception", () => {
    const group = { ...standard, rates: [{ rate: "19", valid_from: "2021-01-01" }, { rate: "7", valid_from: "2021-01-01" }] }
    const result = taxTreatment(input(group, consumer("DE")))
    expect(result).toEqual({ error: expect.stringContaining("2021-01-01") })
  })

  it("reports an invalid service date", () => {
    expect(taxTreatment(input(standard, consumer("DE"), "2026-13-01"))).toEqual({
      error: expect.stringContaining("2026-13-01"),
    })
  })

  it("a seller outside the EU does not apply the EU reverse charge rule", () => {
    const result = taxTreatment({ ...input(standard, business("AT", "ATU12345678")), seller_country: "CH" })
    expect(result).toEqual({ rate: "19", category: "S", note: null })
  })
})
