import { computeInvoiceTotals, negateLines } from "../../invoicing/invoice-totals"
import {
  accountKey,
  assertBalanced,
  availableCredit,
  balanceOf,
  cancellationPostingEntries,
  customerBalance,
  invoicePostingEntries,
  manualBookingEntries,
  openItems,
  withRunningBalance,
  type AccountRef,
  type Entry,
  type ManualBookingInput,
  type PostingDocument,
} from "../postings"

const customer: AccountRef = { kind: "customer", customer_id: "cus_1" }

/** Invoice 100.00 + 19.90 at 19 %, 49.99 + 0.01 at 7 % (see the totals spec). */
const MIXED: PostingDocument = {
  customer_id: "cus_1",
  gross_total: "196.18",
  tax_breakdown: [
    { category: "S", rate: "19", net: "119.90", tax: "22.78" },
    { category: "S", rate: "7", net: "50.00", tax: "3.50" },
  ],
}

describe("invoicePostingEntries", () => {
  it.each<[string, PostingDocument, Entry[]]>([
    [
      "mixed 19/7: customer debit gross, revenue and VAT credit per rate",
      MIXED,
      [
        { account: customer, amount: "196.18" },
        { account: { kind: "revenue", rate: "19", category: "S" }, amount: "-119.90" },
        { account: { kind: "revenue", rate: "7", category: "S" }, amount: "-50.00" },
        { account: { kind: "vat", rate: "19" }, amount: "-22.78" },
        { account: { kind: "vat", rate: "7" }, amount: "-3.50" },
      ],
    ],
    [
      "§ 19: no VAT entry",
      { customer_id: "cus_1", gross_total: "75.50", tax_breakdown: [{ category: "E", rate: "0", net: "75.50", tax: "0.00" }] },
      [
        { account: customer, amount: "75.50" },
        { account: { kind: "revenue", rate: "0", category: "E" }, amount: "-75.50" },
      ],
    ],
    [
      "reverse charge and standard on one invoice; rate 19.00 written as 19",
      {
        customer_id: "cus_1",
        gross_total: "1119.00",
        tax_breakdown: [
          { category: "S", rate: "19.00", net: "100.00", tax: "19.00" },
          { category: "AE", rate: "0", net: "1000.00", tax: "0.00" },
        ],
      },
      [
        { account: customer, amount: "1119.00" },
        { account: { kind: "revenue", rate: "19", category: "S" }, amount: "-100.00" },
        { account: { kind: "revenue", rate: "0", category: "AE" }, amount: "-1000.00" },
        { account: { kind: "vat", rate: "19" }, amount: "-19.00" },
      ],
    ],
    [
      "a group with net 0 gets no revenue entry",
      {
        customer_id: "cus_1",
        gross_total: "11.90",
        tax_breakdown: [
          { category: "S", rate: "19", net: "10.00", tax: "1.90" },
          { category: "S", rate: "7", net: "0.00", tax: "0.00" },
        ],
      },
      [
        { account: customer, amount: "11.90" },
        { account: { kind: "revenue", rate: "19", category: "S" }, amount: "-10.00" },
        { account: { kind: "vat", rate: "19" }, amount: "-1.90" },
      ],
    ],
    ["a zero invoice", { customer_id: "cus_1", gross_total: "0.00", tax_breakdown: [] }, [{ account: customer, amount: "0.00" }]],
  ])("%s", (_name, invoice, expected) => {
    const entries = invoicePostingEntries(invoice)
    expect(entries).toEqual(expected)
    expect(() => assertBalanced(entries)).not.toThrow()
  })

  it("refuses a document whose gross is not net + tax", () => {
    expect(() => invoicePostingEntries({ ...MIXED, gross_total: "196.19" })).toThrow(
      "Posting is not balanced: debits 196.19, credits 196.18, difference 0.01"
    )
  })

  it("posts what computeInvoiceTotals computed", () => {
    const totals = computeInvoiceTotals([
      { net_amount: "100.00", tax_rate: "19", tax_category: "S" },
      { net_amount: "49.99", tax_rate: "7", tax_category: "S" },
      { net_amount: "19.90", tax_rate: "19", tax_category: "S" },
      { net_amount: "0.01", tax_rate: "7", tax_category: "S" },
    ])
    expect(invoicePostingEntries({ customer_id: "cus_1", ...totals })).toEqual(invoicePostingEntries(MIXED))
  })
})

describe("cancellationPostingEntries", () => {
  const negate = (amount: string) => (amount === "0.00" ? amount : amount.startsWith("-") ? amount.slice(1) : `-${amount}`)

  it("is the mirror image of the invoice's posting: the customer is credited", () => {
    const cancellation: PostingDocument = {
      customer_id: "cus_1",
      gross_total: "-196.18",
      tax_breakdown: MIXED.tax_breakdown.map((group) => ({ ...group, net: negate(group.net), tax: negate(group.tax) })),
    }
    const entries = cancellationPostingEntries(cancellation)
    expect(entries).toEqual([
      { account: customer, amount: "-196.18" },
      { account: { kind: "revenue", rate: "19", category: "S" }, amount: "119.90" },
      { account: { kind: "revenue", rate: "7", category: "S" }, amount: "50.00" },
      { account: { kind: "vat", rate: "19" }, amount: "22.78" },
      { account: { kind: "vat", rate: "7" }, amount: "3.50" },
    ])
    expect(entries).toEqual(invoicePostingEntries(MIXED).map((entry) => ({ ...entry, amount: negate(entry.amount) })))
  })

  it("together with the invoice leaves every account at 0", () => {
    const lines = [
      { net_amount: "0.13", tax_rate: "19", tax_category: "S" },
      { net_amount: "0.13", tax_rate: "19", tax_category: "S" },
      { net_amount: "1.05", tax_rate: "7", tax_category: "S" },
      { net_amount: "20.00", tax_rate: "0", tax_category: "E" },
    ]
    const invoice = invoicePostingEntries({ customer_id: "cus_1", ...computeInvoiceTotals(lines) })
    const cancellation = cancellationPostingEntries({ customer_id: "cus_1", ...computeInvoiceTotals(negateLines(lines)) })
    const all = [...invoice, ...cancellation]
    expect(invoice.length).toBeGreaterThan(0)
    for (const { account } of all) {
      expect([accountKey(account), balanceOf(all, account)]).toEqual([accountKey(account), "0.00"])
    }
  })

  it("refuses a positive document", () => {
    expect(() => cancellationPostingEntries(MIXED)).toThrow("A cancellation document has a negative gross total, got 196.18")
  })
})

describe("manualBookingEntries", () => {
  it.each<[ManualBookingInput, Entry[]]>([
    [
      { customer_id: "cus_1", amount: "250.00", direction: "credit", counter: "bank" }, // unassignable bank payment
      [{ account: customer, amount: "-250.00" }, { account: { kind: "bank" }, amount: "250.00" }],
    ],
    [
      { customer_id: "cus_1", amount: "5.5", direction: "debit", counter: "fees" },
      [{ account: customer, amount: "5.50" }, { account: { kind: "fees" }, amount: "-5.50" }],
    ],
    [
      { customer_id: "cus_1", amount: "10.00", direction: "credit", counter: "write_off" },
      [{ account: customer, amount: "-10.00" }, { account: { kind: "write_off" }, amount: "10.00" }],
    ],
    [
      { customer_id: "cus_1", amount: "0.01", direction: "debit", counter: "manual" },
      [{ account: customer, amount: "0.01" }, { account: { kind: "manual" }, amount: "-0.01" }],
    ],
  ])("%j", (input, expected) => {
    expect(manualBookingEntries(input)).toEqual(expected)
  })

  it.each<[Partial<ManualBookingInput>, string]>([
    [{ amount: "0.00" }, "amount: expected a positive amount"],
    [{ amount: "-5.00" }, "amount: expected a positive amount"],
    [{ amount: "1.005" }, "at most 2 decimals"],
    [{ amount: "abc" }, "amount: expected a positive amount"],
    [{ direction: "sideways" as "credit" }, 'direction: expected "credit" or "debit", got "sideways"'],
    [{ counter: "revenue" as "bank" }, 'counter: expected one of bank, manual, write_off, fees, got "revenue"'],
  ])("rejects %j", (override, message) => {
    const input: ManualBookingInput = { customer_id: "cus_1", amount: "10.00", direction: "credit", counter: "bank", ...override }
    expect(() => manualBookingEntries(input)).toThrow(message)
  })
})

describe("assertBalanced", () => {
  it.each<[string, Entry[]]>([
    ["no entries", []],
    ["a balanced pair", [{ account: customer, amount: "100.00" }, { account: { kind: "bank" }, amount: "-100.00" }]],
    ["0.10 + 0.20 against 0.30 (exact decimals)", [{ account: customer, amount: "0.10" }, { account: customer, amount: "0.20" }, { account: { kind: "bank" }, amount: "-0.30" }]],
  ])("accepts %s", (_name, entries) => {
    expect(() => assertBalanced(entries)).not.toThrow()
  })

  it.each<[string, Entry[], string]>([
    ["one cent short", [{ account: customer, amount: "100.00" }, { account: { kind: "bank" }, amount: "-99.99" }], "Posting is not balanced: debits 100.00, credits 99.99, difference 0.01"],
    ["credits only", [{ account: { kind: "bank" }, amount: "-5.00" }], "Posting is not balanced: debits 0.00, credits 5.00, difference -5.00"],
    ["a malformed amount", [{ account: customer, amount: "1e2" }], 'entries[0].amount: invalid amount "1e2"'],
  ])("rejects %s", (_name, entries, message) => {
    expect(() => assertBalanced(entries)).toThrow(message)
  })
})

describe("balances", () => {
  const ledger: Entry[] = [
    ...invoicePostingEntries({ customer_id: "cus_1", gross_total: "119.00", tax_breakdown: [{ category: "S", rate: "19", net: "100.00", tax: "19.00" }] }),
    ...manualBookingEntries({ customer_id: "cus_1", amount: "119.00", direction: "credit", counter: "bank" }),
    ...manualBookingEntries({ customer_id: "cus_2", amount: "30.00", direction: "credit", counter: "bank" }),
  ]

  it.each<[AccountRef, string]>([
    [customer, "0.00"],
    [{ kind: "customer", customer_id: "cus_2" }, "-30.00"],
    [{ kind: "customer", customer_id: "cus_3" }, "0.00"],
    [{ kind: "bank" }, "149.00"],
    [{ kind: "revenue", rate: "19", category: "S" }, "-100.00"],
    [{ kind: "revenue", rate: "19", category: "AE" }, "0.00"],
    [{ kind: "vat", rate: "19.00" }, "-19.00"],
    [{ kind: "fees" }, "0.00"],
  ])("balanceOf %j = %s", (account, expected) => {
    expect(balanceOf(ledger, account)).toBe(expected)
  })

  it("the whole ledger is balanced", () => {
    expect(() => assertBalanced(ledger)).not.toThrow()
  })

  it.each<[string[], string]>([
    [[], "0.00"],
    [["119.00", "-119.00"], "0.00"],
    [["119.00", "-200.00"], "-81.00"],
    [["10.00", "5.55"], "15.55"],
    [["0.10", "0.20"], "0.30"],
  ])("customerBalance(%j) = %s", (amounts, expected) => {
    expect(customerBalance(amounts.map((amount) => ({ amount })))).toBe(expected)
  })

  it.each([
    ["-81.00", "81.00"],
    ["15.00", "0.00"],
    ["0.00", "0.00"],
  ])("availableCredit(%s) = %s", (balance, expected) => {
    expect(availableCredit(balance)).toBe(expected)
  })

  it("a credit balance is offset by the next invoice and the balance afterwards equals the amount due", () => {
    const entries = manualBookingEntries({ customer_id: "cus_1", amount: "81.00", direction: "credit", counter: "bank" })
    const credit = availableCredit(customerBalance(entries.filter((entry) => entry.account.kind === "customer")))
    expect(credit).toBe("81.00")
    const totals = computeInvoiceTotals([{ net_amount: "100.00", tax_rate: "19", tax_category: "S" }], credit)
    expect([totals.gross_total, totals.credit_applied, totals.amount_due]).toEqual(["119.00", "81.00", "38.00"])
    const after = [...entries, ...invoicePostingEntries({ customer_id: "cus_1", ...totals })]
    expect(balanceOf(after, customer)).toBe("38.00")
  })

  it("withRunningBalance adds the balance after each entry", () => {
    const rows = [
      { id: "a", amount: "119.00" },
      { id: "b", amount: "-50.00" },
      { id: "c", amount: "-100.00" },
    ]
    expect(withRunningBalance(rows)).toEqual([
      { id: "a", amount: "119.00", balance: "119.00" },
      { id: "b", amount: "-50.00", balance: "69.00" },
      { id: "c", amount: "-100.00", balance: "-31.00" },
    ])
  })
})

describe("accountKey", () => {
  it.each<[AccountRef, string]>([
    [customer, "customer:cus_1"],
    [{ kind: "revenue", rate: "7.00", category: "S" }, "revenue:S:7"],
    [{ kind: "vat", rate: "19" }, "vat:19"],
    [{ kind: "bank" }, "bank"],
    [{ kind: "cash_discount" }, "cash_discount"],
  ])("%j → %s", (account, expected) => {
    expect(accountKey(account)).toBe(expected)
  })
})

describe("openItems", () => {
  const invoices = [
    { id: "inv_c", number: "RE-2026-000003", gross_total: "238.00", issue_date: "2026-03-01", due_date: "2026-03-15" },
    { id: "inv_a", number: "RE-2026-000001", gross_total: "119.00", issue_date: "2026-01-01", due_date: "2026-01-15" },
    { id: "inv_b", number: "RE-2026-000002", gross_total: "59.50", issue_date: "2026-02-01", due_date: "2026-02-15" },
    { id: "inv_e", number: "RE-2026-000004", gross_total: "10.00", issue_date: "2026-03-17", due_date: "2026-03-31" },
    { id: "st_1", number: "ST-2026-000001", gross_total: "-59.50", issue_date: "2026-02-10", due_date: "2026-02-10" },
  ]
  const allocations = [
    { invoice_id: "inv_a", amount: "119.00" }, // paid in full
    { invoice_id: "inv_b", amount: "20.00" },
    { invoice_id: "inv_b", amount: "9.50" }, // partly paid: 29.50, open 30.00
    { invoice_id: "inv_e", amount: "15.00" }, // overpaid: open 0, not negative
    { invoice_id: "inv_x", amount: "50.00" }, // not listed: ignored
  ]

  it("lists what is open, oldest due date first, with days overdue on as_of", () => {
    expect(openItems(invoices, allocations, { as_of: "2026-03-20" })).toEqual([
      // 2026-02-15 → 2026-03-20: 13 days of February + 20 of March = 33
      { invoice_id: "inv_b", number: "RE-2026-000002", gross_total: "59.50", paid: "29.50", open: "30.00", issue_date: "2026-02-01", due_date: "2026-02-15", overdue_days: 33 },
      { invoice_id: "inv_c", number: "RE-2026-000003", gross_total: "238.00", paid: "0.00", open: "238.00", issue_date: "2026-03-01", due_date: "2026-03-15", overdue_days: 5 },
    ])
  })

  it("includes paid items (and the cancellation document) when asked", () => {
    const items = openItems(invoices, allocations, { as_of: "2026-03-20", include_paid: true })
    expect(items.map((item) => [item.invoice_id, item.paid, item.open, item.overdue_days])).toEqual([
      ["inv_a", "119.00", "0.00", 0],
      ["st_1", "0.00", "0.00", 0],
      ["inv_b", "29.50", "30.00", 33],
      ["inv_c", "0.00", "238.00", 5],
      ["inv_e", "15.00", "0.00", 0],
    ])
  })

  it.each([
    ["2026-03-14", 0], // before the due date
    ["2026-03-15", 0], // on the due date
    ["2026-03-16", 1],
    ["2026-04-15", 31],
  ])("as of %s an item due 2026-03-15 is %i days overdue", (as_of, expected) => {
    const [item] = openItems([invoices[0]], [], { as_of })
    expect(item.overdue_days).toBe(expected)
  })

  it("a reversed allocation re-opens the amount", () => {
    const [item] = openItems([invoices[0]], [{ invoice_id: "inv_c", amount: "238.00" }, { invoice_id: "inv_c", amount: "-38.00" }], { as_of: "2026-03-20" })
    expect([item.paid, item.open]).toEqual(["200.00", "38.00"])
  })

  it("items due on the same day are ordered by number", () => {
    const sameDay = [
      { id: "2", number: "RE-2026-000002", gross_total: "1.00", issue_date: "2026-03-01", due_date: "2026-03-15" },
      { id: "1", number: "RE-2026-000001", gross_total: "1.00", issue_date: "2026-03-01", due_date: "2026-03-15" },
    ]
    expect(openItems(sameDay, [], { as_of: "2026-03-01" }).map((item) => item.invoice_id)).toEqual(["1", "2"])
  })
})
