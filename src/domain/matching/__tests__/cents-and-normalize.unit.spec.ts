import { formatCents, toCents } from "../cents"
import { foldOcr, normalizeIban, normalizeReference, referenceKey, tokenizeText } from "../normalize"

describe("toCents / formatCents", () => {
  it.each([
    ["0.00", 0],
    ["0.05", 5],
    ["119.9", 11990],
    ["119.90", 11990],
    ["7", 700],
    ["1.500", 150],
    [" 12.34 ", 1234],
    ["1234567890123.45", 123456789012345],
  ])("toCents(%j) = %i", (amount, cents) => {
    expect(toCents(amount)).toBe(cents)
  })

  it.each(["", "-1.00", "1,00", "1.005", "abc", "1e3", ".50", "12345678901234.00"])("rejects %j", (amount) => {
    expect(() => toCents(amount, "open_amount")).toThrow(/^open_amount: invalid amount/)
  })

  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [11990, "119.90"],
    [123456789012345, "1234567890123.45"],
  ])("formatCents(%i) = %s", (cents, amount) => {
    expect(formatCents(cents)).toBe(amount)
  })

  it.each([-1, 1.5, Number.NaN])("formatCents rejects %p", (cents) => {
    expect(() => formatCents(cents)).toThrow("Invalid amount in cents")
  })
})

describe("reference normalisation", () => {
  it.each([
    ["RE-2026-000123", "RE2026000123"],
    ["re 2026 000123", "RE2026000123"],
    ["RE_2026.000123", "RE2026000123"],
    ["RE/2026/000123", "RE2026000123"],
    ["Rä-12", "R12"],
  ])("normalizeReference(%j) = %s", (value, normalized) => {
    expect(normalizeReference(value)).toBe(normalized)
  })

  it.each([
    ["RE2026OOO123", "RE2026000123"],
    ["RE2O26OOOI23", "RE2026000123"],
    ["RE2026000L23", "RE2026000123"],
    ["RE2026000S23", "RE2026000523"],
    ["RE2026000B23", "RE2026000823"],
    ["RE2026000Z23", "RE2026000223"],
    ["RE2026000123", "RE2026000123"],
  ])("foldOcr(%j) = %s", (value, folded) => {
    expect(foldOcr(value)).toBe(folded)
  })

  it("referenceKey gives the same key to every way of writing one number", () => {
    const keys = ["RE-2026-000123", "re 2026 000123", "RE-2026-OOO123", "re2026ooo1z3".replace("z", "2"), "RE_2O26_000l23"].map(referenceKey)
    expect(new Set(keys)).toEqual(new Set(["RE2026000123"]))
  })

  it.each([
    ["de89 3704 0044 0532 0130 00", "DE89370400440532013000"],
    ["DE89-3704-0044-0532-0130-00", "DE89370400440532013000"],
  ])("normalizeIban(%j)", (iban, normalized) => {
    expect(normalizeIban(iban)).toBe(normalized)
  })
})

describe("tokenizeText", () => {
  it("splits into letter and digit runs with the gaps between them", () => {
    expect(tokenizeText("Rg.Nr.RE2026-OOO123, 150,00").map(({ raw, folded, digits, gap }) => [raw, folded, digits, gap])).toEqual([
      ["RG", "RG", false, ""],
      ["NR", "NR", false, "."],
      ["RE", "RE", false, "."],
      ["2026", "2026", true, ""],
      ["OOO", "000", false, "-"],
      ["123", "123", true, ""],
      ["150", "150", true, ", "],
      ["00", "00", true, ","],
    ])
  })

  it("keeps offsets into the source text", () => {
    const [first, second] = tokenizeText("  ab 12")
    expect([first.start, first.end, second.start, second.end]).toEqual([2, 4, 5, 7])
  })

  it("returns nothing for a text without letters or digits", () => {
    expect(tokenizeText(" -/.,; ")).toEqual([])
  })
})
