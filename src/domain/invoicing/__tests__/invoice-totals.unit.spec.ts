import { percentageOf, roundToCents, sumAmounts } from "../../money"
import { computeInvoiceTotals, lineNet, negateLines, type TotalsLine } from "../invoice-totals"

const s19 = (net_amount: string): TotalsLine => ({ net_amount, tax_rate: "19", tax_category: "S" })
const s7 = (net_amount: string): TotalsLine => ({ net_amount, tax_rate: "7", tax_category: "S" })
const exempt = (net_amount: string): TotalsLine => ({ net_amount, tax_rate: "0", tax_category: "E" })
const rc = (net_amount: string): TotalsLine => ({ net_amount, tax_rate: "0", tax_category: "AE" })

describe("money helpers used by invoicing", () => {
  it.each([
    ["12.345", "12.35"],
    ["12.344", "12.34"],
    ["-0.005", "-0.01"],
    ["-0.004", "0.00"],
    ["7", "7.00"],
    ["2.675", "2.68"],
  ])("roundToCents(%s) = %s", (input, expected) => {
    expect(roundToCents(input)).toBe(expected)
  })

  it.each([
    ["0.15", "19", "0.03"], // 0.0285
    ["0.39", "19", "0.07"], // 0.0741
    ["0.50", "19", "0.10"], // 0.095 half up
    ["-0.50", "19", "-0.10"], // −0.095 away from zero
    ["0.50", "7", "0.04"], // 0.035
    ["-0.50", "7", "-0.04"],
    ["2.10", "7", "0.15"], // 0.147
    ["10.00", "5.5", "0.55"],
    ["0.10", "5.5", "0.01"], // 0.0055
    ["119.90", "19", "22.78"], // 22.781
    ["1000.00", "0", "0.00"],
  ])("percentageOf(%s, %s) = %s", (net, rate, expected) => {
    expect(percentageOf(net, rate)).toBe(expected)
  })

  it.each([
    [[], "0.00"],
    [["0.10", "0.20"], "0.30"], // not 0.30000000000000004
    [["100.00", "-100.00"], "0.00"],
    [["-1.05", "0.05"], "-1.00"],
  ])("sumAmounts(%j) = %s", (amounts, expected) => {
    expect(sumAmounts(amounts)).toBe(expected)
  })

  it("rejects non-decimal input", () => {
    expect(() => roundToCents("1,00")).toThrow('Invalid amount "1,00"')
    expect(() => percentageOf("1.00", "19%")).toThrow('Invalid rate "19%"')
  })
})

describe("lineNet", () => {
  it.each([
    ["19.90", "19.90"],
    ["19.9", "19.90"],
    ["5", "5.00"],
    ["0.125", "0.13"],
    ["-0.125", "-0.13"],
    ["0.0049", "0.00"],
  ])("%s → %s", (amount, expected) => {
    expect(lineNet(amount)).toBe(expected)
  })
})

describe("computeInvoiceTotals", () => {
  type Expected = Omit<ReturnType<typeof computeInvoiceTotals>, "credit_applied" | "amount_due">
  it.each<[string, TotalsLine[], Expected]>([
    [
      "three lines of 0.05 at 19 %: 0.15 × 19 % = 0.0285 → 0.03",
      [s19("0.05"), s19("0.05"), s19("0.05")],
      { net_total: "0.15", tax_total: "0.03", gross_total: "0.18", tax_breakdown: [{ category: "S", rate: "19", net: "0.15", tax: "0.03" }] },
    ],
    [
      "three lines of 0.13 at 19 %: 0.39 × 19 % = 0.0741 → 0.07 (per line 0.0247 → 0.02, summed 0.06)",
      [s19("0.13"), s19("0.13"), s19("0.13")],
      { net_total: "0.39", tax_total: "0.07", gross_total: "0.46", tax_breakdown: [{ category: "S", rate: "19", net: "0.39", tax: "0.07" }] },
    ],
    [
      "ten lines of 0.03 at 19 %: 0.30 × 19 % = 0.057 → 0.06 (per line 0.0057 → 0.01, summed 0.10)",
      Array.from({ length: 10 }, () => s19("0.03")),
      { net_total: "0.30", tax_total: "0.06", gross_total: "0.36", tax_breakdown: [{ category: "S", rate: "19", net: "0.30", tax: "0.06" }] },
    ],
    [
      "two lines of 1.05 at 7 %: 2.10 × 7 % = 0.147 → 0.15 (per line 0.0735 → 0.07, summed 0.14)",
      [s7("1.05"), s7("1.05")],
      { net_total: "2.10", tax_total: "0.15", gross_total: "2.25", tax_breakdown: [{ category: "S", rate: "7", net: "2.10", tax: "0.15" }] },
    ],
    [
      "mixed 19/7: 119.90 × 19 % = 22.781 → 22.78; 50.00 × 7 % = 3.50; rates 19 and 19.00 are one group",
      [s19("100.00"), s7("49.99"), { net_amount: "19.90", tax_rate: "19.00", tax_category: "S" }, s7("0.01")],
      {
        net_total: "169.90",
        tax_total: "26.28",
        gross_total: "196.18",
        tax_breakdown: [
          { category: "S", rate: "19", net: "119.90", tax: "22.78" },
          { category: "S", rate: "7", net: "50.00", tax: "3.50" },
        ],
      },
    ],
    [
      "§ 19 invoice: no VAT",
      [exempt("50.00"), exempt("25.50")],
      { net_total: "75.50", tax_total: "0.00", gross_total: "75.50", tax_breakdown: [{ category: "E", rate: "0", net: "75.50", tax: "0.00" }] },
    ],
    [
      "reverse charge invoice",
      [rc("1000.00")],
      { net_total: "1000.00", tax_total: "0.00", gross_total: "1000.00", tax_breakdown: [{ category: "AE", rate: "0", net: "1000.00", tax: "0.00" }] },
    ],
    [
      "breakdown sorted by rate descending, then category",
      [exempt("1.00"), s7("1.00"), rc("1.00"), s19("1.00"), { net_amount: "1.00", tax_rate: "0", tax_category: "Z" }],
      {
        net_total: "5.00",
        tax_total: "0.26", // 0.19 + 0.07
        gross_total: "5.26",
        tax_breakdown: [
          { category: "S", rate: "19", net: "1.00", tax: "0.19" },
          { category: "S", rate: "7", net: "1.00", tax: "0.07" },
          { category: "AE", rate: "0", net: "1.00", tax: "0.00" },
          { category: "E", rate: "0", net: "1.00", tax: "0.00" },
          { category: "Z", rate: "0", net: "1.00", tax: "0.00" },
        ],
      },
    ],
    [
      "a line net with more than 2 decimals is rounded first: 10.005 → 10.01, × 19 % = 1.9019 → 1.90",
      [s19("10.005")],
      { net_total: "10.01", tax_total: "1.90", gross_total: "11.91", tax_breakdown: [{ category: "S", rate: "19", net: "10.01", tax: "1.90" }] },
    ],
    [
      "the 2020 cut: a 16 % line",
      [{ net_amount: "100.00", tax_rate: "16", tax_category: "S" }],
      { net_total: "100.00", tax_total: "16.00", gross_total: "116.00", tax_breakdown: [{ category: "S", rate: "16", net: "100.00", tax: "16.00" }] },
    ],
    [
      "a discount line reduces the group's net before rounding: 10.00 − 9.50 = 0.50 × 19 % = 0.095 → 0.10",
      [s19("10.00"), s19("-9.50")],
      { net_total: "0.50", tax_total: "0.10", gross_total: "0.60", tax_breakdown: [{ category: "S", rate: "19", net: "0.50", tax: "0.10" }] },
    ],
    [
      "negative invoice: −0.50 × 19 % = −0.095 → −0.10 (away from zero)",
      [s19("-0.50")],
      { net_total: "-0.50", tax_total: "-0.10", gross_total: "-0.60", tax_breakdown: [{ category: "S", rate: "19", net: "-0.50", tax: "-0.10" }] },
    ],
    ["no lines", [], { net_total: "0.00", tax_total: "0.00", gross_total: "0.00", tax_breakdown: [] }],
  ])("%s", (_name, lines, expected) => {
    expect(computeInvoiceTotals(lines)).toEqual({ ...expected, credit_applied: "0.00", amount_due: expected.gross_total })
  })

  describe("credit offset (invoice of 100.00 + 19 % = 119.00)", () => {
    it.each<[string, string | undefined, string, string]>([
      ["credit larger than the gross", "200.00", "119.00", "0.00"],
      ["credit equal to the gross", "119.00", "119.00", "0.00"],
      ["credit smaller than the gross", "50.00", "50.00", "69.00"],
      ["one cent of credit", "0.01", "0.01", "118.99"],
      ["no credit", "0.00", "0.00", "119.00"],
      ["credit not given", undefined, "0.00", "119.00"],
      ["a debit balance is no credit", "-10.00", "0.00", "119.00"],
    ])("%s (%s)", (_name, credit, applied, due) => {
      const totals = computeInvoiceTotals([s19("100.00")], credit)
      expect(totals.gross_total).toBe("119.00")
      expect(totals.credit_applied).toBe(applied)
      expect(totals.amount_due).toBe(due)
    })

    it.each<[string, TotalsLine[], string]>([
      ["a cancellation applies no credit", [s19("-100.00")], "-119.00"],
      ["a zero invoice applies no credit", [], "0.00"],
    ])("%s", (_name, lines, gross) => {
      expect(computeInvoiceTotals(lines, "50.00")).toMatchObject({ gross_total: gross, credit_applied: "0.00", amount_due: gross })
    })

    it("rejects a malformed credit", () => {
      expect(() => computeInvoiceTotals([s19("1.00")], "5,00")).toThrow("credit_available")
    })
  })

  it.each<[string, TotalsLine, string]>([
    ["S at 0 %", { net_amount: "1.00", tax_rate: "0", tax_category: "S" }, "lines[0]: tax category S cannot have a rate of 0 %"],
    ["E at 19 %", { net_amount: "1.00", tax_rate: "19", tax_category: "E" }, "lines[0]: tax category E cannot have a rate of 19 %"],
    ["AE at 19 %", { net_amount: "1.00", tax_rate: "19", tax_category: "AE" }, "lines[0]: tax category AE cannot have a rate of 19 %"],
    ["unknown category", { net_amount: "1.00", tax_rate: "19", tax_category: "X" }, 'lines[0].tax_category: unknown VAT category "X"'],
    ["malformed net", { net_amount: "1,00", tax_rate: "19", tax_category: "S" }, 'lines[0].net_amount: invalid amount "1,00"'],
    ["malformed rate", { net_amount: "1.00", tax_rate: "19 %", tax_category: "S" }, 'Invalid tax rate "19 %"'],
  ])("rejects a line with %s", (_name, line, message) => {
    expect(() => computeInvoiceTotals([line])).toThrow(message)
  })
})

describe("negateLines", () => {
  it("negates the net and the quantity, keeps everything else and does not mutate the input", () => {
    const lines = [
      { net_amount: "39.80", quantity: 2, unit_price: "19.90", tax_rate: "19", tax_category: "S", description: "Hosting 03/2026" },
      { net_amount: "1.50", quantity: "1.500", unit_price: "1.00", tax_rate: "7", tax_category: "S", description: "Usage" },
      { net_amount: "0.00", quantity: 0, unit_price: "0.00", tax_rate: "19", tax_category: "S", description: "Free" },
      { net_amount: "-5.00", quantity: -1, unit_price: "5.00", tax_rate: "19", tax_category: "S", description: "Discount" },
    ]
    const snapshot = JSON.parse(JSON.stringify(lines))
    expect(negateLines(lines)).toEqual([
      { net_amount: "-39.80", quantity: -2, unit_price: "19.90", tax_rate: "19", tax_category: "S", description: "Hosting 03/2026" },
      { net_amount: "-1.50", quantity: "-1.500", unit_price: "1.00", tax_rate: "7", tax_category: "S", description: "Usage" },
      { net_amount: "0.00", quantity: 0, unit_price: "0.00", tax_rate: "19", tax_category: "S", description: "Free" },
      { net_amount: "5.00", quantity: 1, unit_price: "5.00", tax_rate: "19", tax_category: "S", description: "Discount" },
    ])
    expect(lines).toEqual(snapshot)
  })

  it("leaves lines without a quantity without one", () => {
    expect(negateLines([{ net_amount: "10.00" }])).toEqual([{ net_amount: "-10.00" }])
  })

  it("rejects a malformed net", () => {
    expect(() => negateLines([{ net_amount: "ten" }])).toThrow('Invalid amount "ten"')
  })

  it.each<[string, TotalsLine[]]>([
    ["mixed 19/7", [s19("100.00"), s7("49.99"), s19("19.90"), s7("0.01")]],
    ["rounding half up per group", [s19("0.13"), s19("0.13"), s19("0.13"), s7("1.05"), s7("1.05")]],
    ["half-way cases", [s19("0.50"), s7("0.50")]],
    ["§ 19", [exempt("75.50")]],
  ])("the totals of the negated lines are exactly the negated totals (%s)", (_name, lines) => {
    const original = computeInvoiceTotals(lines)
    const cancellation = computeInvoiceTotals(negateLines(lines), "1000.00")
    const neg = (amount: string) => (amount === "0.00" ? amount : amount.startsWith("-") ? amount.slice(1) : `-${amount}`)
    expect(cancellation).toEqual({
      net_total: neg(original.net_total),
      tax_total: neg(original.tax_total),
      gross_total: neg(original.gross_total),
      tax_breakdown: original.tax_breakdown.map((entry) => ({ ...entry, net: neg(entry.net), tax: neg(entry.tax) })),
      credit_applied: "0.00",
      amount_due: neg(original.gross_total),
    })
  })
})
