import { buildOpenItemIndex } from "../open-item-index"
import { findReferences, isOneEditApart, oneEditNeighbours, type ReferenceSource } from "../references"
import { openItem } from "./matching-fixtures"

const index = buildOpenItemIndex([
  openItem(123, "a", "119.00"),
  openItem(124, "a", "238.00"),
  openItem(128, "b", "99.00"),
  openItem(200, "b", "49.00"),
  openItem(1234, "c", "10.00"),
  openItem(7, "c", "20.00", { invoice_number: "RE-2025-000123", invoice_id: "inv_2025_123" }),
])

function found(text: string, source: ReferenceSource = "remittance text") {
  const evidence = findReferences([{ text, source }], index)
  return {
    invoices: evidence.invoices.map((reference) => [reference.item.item.invoice_number, reference.quality]),
    mistyped: evidence.mistyped.map((reference) => [reference.written, reference.folded, reference.keep]),
    customers: evidence.customers.map((reference) => reference.customer_id),
  }
}

describe("findReferences: full invoice numbers", () => {
  it.each([
    ["RE-2026-000123", "exact"],
    ["Rechnung RE-2026-000123 vom 01.02.2026", "exact"],
    ["RE 2026 000123", "exact"],
    ["re2026000123", "exact"],
    ["RE_2026.000123", "exact"],
    ["RE/2026/000123 150,00 EUR", "exact"],
    ["Rg.Nr.RE2026000123", "exact"],
    ["RE-2026-000123BETRAG", "exact"],
    ["RE-2026-OOO123", "ocr"],
    ["re 2o26 000l23", "ocr"],
    ["RE-2026-0OO1Z3", "ocr"],
    ["2026-000123", "no_prefix"],
    ["Zahlung 2026000123", "no_prefix"],
  ])("%j → RE-2026-000123 (%s)", (text, quality) => {
    expect(found(text).invoices).toContainEqual(["RE-2026-000123", quality])
    expect(found(text).invoices.filter(([number]) => number === "RE-2026-000123")).toHaveLength(1)
  })

  it.each<[string, string[]]>([
    ["RE-2026-0001234", []], // a digit more: another number
    ["RE-2026-00012", []], // a digit less
    ["RE20260001234", []],
    ["XRE2026000123", ["no_prefix"]], // glued to a word: only year and counter are read
    ["ARE-2026-000123", ["no_prefix"]],
    ["RE, 2026, 000123", ["sequence"]], // a list, not one number: only the bare counter after "RE"
  ])("%j names RE-2026-000123 only as %j", (text, qualities) => {
    const references = found(text).invoices.filter(([number]) => number === "RE-2026-000123")
    expect(references.map(([, quality]) => quality)).toEqual(qualities)
  })

  it("finds several numbers in one text, in order of appearance", () => {
    expect(found("Rechnungen RE-2026-000124, RE-2026-000123 und RE-2026-000200").invoices).toEqual([
      ["RE-2026-000124", "exact"],
      ["RE-2026-000123", "exact"],
      ["RE-2026-000200", "exact"],
    ])
  })

  it("finds numbers glued together", () => {
    expect(found("RE2026000123RE2026000124").invoices.map(([number]) => number)).toEqual(["RE-2026-000123", "RE-2026-000124"])
  })

  it("keeps an invoice's strongest reading", () => {
    expect(found("RE-2026-OOO123 RE-2026-000123").invoices).toEqual([["RE-2026-000123", "exact"]])
  })

  it("reads the structured reference and names the source", () => {
    const evidence = findReferences([{ text: "RE2026000200", source: "structured reference" }], index)
    expect(evidence.invoices.map((reference) => [reference.item.item.invoice_number, reference.source])).toEqual([
      ["RE-2026-000200", "structured reference"],
    ])
  })
})

describe("findReferences: bare counters after an invoice word", () => {
  it.each<[string, string[]]>([
    ["Rechnung 123", ["RE-2025-000123", "RE-2026-000123"]], // oldest first
    ["Rg. Nr. 200", ["RE-2026-000200"]],
    ["Rechnungen 123 und 124", ["RE-2025-000123", "RE-2026-000123", "RE-2026-000124"]],
    ["RE-2026-000124 + 000200", ["RE-2026-000124", "RE-2026-000200"]],
    ["Invoice 000128", ["RE-2026-000128"]],
  ])("%j → %j", (text, numbers) => {
    expect(found(text).invoices.map(([number]) => number)).toEqual(numbers)
  })

  it.each([
    "Zahlung 123", // no invoice word
    "Kundennummer 123",
    "Rechnung vom 12.3.2026", // a date
    "Rechnung 123,00 EUR", // an amount
    "Rechnung 2026", // a year
    "Rechnung 1234567", // longer than any counter
  ])("%j names no invoice by its counter", (text) => {
    expect(found(text).invoices.filter(([, quality]) => quality === "sequence")).toEqual([])
  })

  it("does not read the counter after a year as a counter of another year", () => {
    // RE-2026-000007 does not exist; RE-2025-000123's counter is 7 only in the 2025 series.
    expect(found("RE-2026-000007").invoices).toEqual([])
  })
})

describe("findReferences: customer numbers", () => {
  it.each<[string, string[]]>([
    ["Kd-Nr. K-100002", ["cus_b"]],
    ["K100001", ["cus_a"]],
    ["Kundennummer 100002", ["cus_b"]],
    ["KD100001 RE-2026-000200", ["cus_a"]],
    ["Zahlung 100002", []], // digits alone need a customer word
    ["BANK100001", []], // glued into another word
  ])("%j → %j", (text, customers) => {
    expect(found(text).customers).toEqual(customers)
  })
})

describe("mistyped numbers", () => {
  it("notes a number shaped like ours that is none of ours", () => {
    expect(found("Rechnung RE-2026-OO123").mistyped).toEqual([["RE-2026-OO123", "RE202600123", 2]])
  })

  it.each(["RE-2026-000128", "Rechnung 2026", "RE SEPA 12"])("notes nothing mistyped in %j", (text) => {
    expect(found(text).mistyped).toEqual([])
  })

  it.each<[string, string, boolean]>([
    ["RE202600123", "RE2026000123", true], // a digit left out
    ["RE20260001234", "RE2026000123", true], // a character too many
    ["RE2026000132", "RE2026000123", true], // neighbours swapped
    ["RE2026000124", "RE2026000123", true], // a digit changed
    ["RE2026000123", "RE2026000123", false], // the same
    ["RE2026000132", "RE2026000128", false], // two changes
    ["RE20260012", "RE2026000123", false], // two left out
    ["RE2026000123", "RF2026000123", false], // inside the prefix
    ["RE202600123", "RE20260001X3", false], // a letter added
  ])("isOneEditApart(%s, %s) = %s", (a, b, apart) => {
    expect(isOneEditApart(a, b, 2)).toBe(apart)
  })

  it.each<[string, number | undefined, string[]]>([
    ["RE2026000132", undefined, ["RE-2026-000123"]], // swapped digits; RE-2026-000128 is two edits away
    ["RE2026000123", undefined, ["RE-2025-000123", "RE-2026-000124", "RE-2026-000128"]], // one changed digit each
    ["RE20260001234", undefined, ["RE-2026-000123", "RE-2026-000124", "RE-2026-001234"]],
    ["RE20260001234", 23800, ["RE-2026-000124"]], // only those with the amount
    ["RE20260001234", 5000, []],
  ])("oneEditNeighbours(%s, amount %p) = %j", (folded, cents, numbers) => {
    expect(oneEditNeighbours(folded, 2, index, cents).map((item) => item.item.invoice_number)).toEqual(numbers)
  })

  it("gives the same neighbours of an amount whether it scans the items of the amount or generates variants", () => {
    const many = buildOpenItemIndex(
      Array.from({ length: 100 }, (_, position) => openItem(position + 100, position % 2 ? "a" : "b", position % 3 ? "10.00" : "20.00"))
    )
    for (const world of [index, many]) {
      for (const folded of ["RE202600150", "RE2026000150", "RE2026001150", "RE202600123", "RE2026000132"]) {
        for (const cents of [1000, 2000, 11900, 23800]) {
          const all = oneEditNeighbours(folded, 2, world).filter((item) => item.open_cents === cents)
          expect(oneEditNeighbours(folded, 2, world, cents)).toEqual(all)
        }
      }
    }
    expect(many.by_amount.get(1000)!.length).toBeGreaterThan(64) // generated variants
    expect(oneEditNeighbours("RE202600150", 2, many, 1000).map((item) => item.item.invoice_number)).toEqual(["RE-2026-000150"])
    expect(many.by_amount.get(2000)!.length).toBeLessThanOrEqual(64) // scanned items
    expect(oneEditNeighbours("RE202600151", 2, many, 2000).map((item) => item.item.invoice_number)).toEqual(["RE-2026-000151"])
  })
})
