import { buildOpenItemIndex, lastDigitRun, letterPrefix } from "../open-item-index"
import { openItem } from "./matching-fixtures"

describe("buildOpenItemIndex", () => {
  const index = buildOpenItemIndex([
    openItem(124, "a", "238.00", { due_date: "2026-02-20" }),
    openItem(123, "a", "119.00"),
    openItem(200, "b", "49.00", { end_to_end_ids: ["E2E-1"], mandate_id: "MNDT-B", collection_date: "2026-02-15" }),
    openItem(201, "b", "49.00", { currency: "eur" }),
  ])

  it("orders every list oldest first and ranks the items", () => {
    expect(index.customers.get("cus_a")?.items.map((item) => [item.item.invoice_number, item.age_rank])).toEqual([
      ["RE-2026-000123", 0],
      ["RE-2026-000124", 3],
    ])
    expect(index.by_amount.get(4900)?.map((item) => item.item.invoice_id)).toEqual(["inv_200", "inv_201"])
  })

  it.each<[string, unknown]>([
    ["by_key RE2026000123", index.by_key.get("RE2026000123")?.map((item) => item.item.invoice_id)],
    ["by_prefixless_key 2026000123", index.by_prefixless_key.get("2026000123")?.map((item) => item.item.invoice_id)],
    ["by_sequence 123", index.by_sequence.get("123")?.map((item) => item.item.invoice_id)],
  ])("%s → inv_123", (_, ids) => {
    expect(ids).toEqual(["inv_123"])
  })

  it("keys end-to-end ids, mandates, customer numbers and name words", () => {
    expect(index.by_end_to_end_id.get("E2E-1")?.map((item) => item.item.invoice_id)).toEqual(["inv_200"])
    expect(index.by_mandate.get("MNDT-B")?.map((item) => item.item.invoice_id)).toEqual(["inv_200"])
    expect(index.by_customer_key.get("K100001")).toEqual(["cus_a"])
    expect(index.by_customer_digits.get("100002")).toEqual(["cus_b"])
    expect(index.by_name_token.get("mueller")).toEqual(["cus_a"])
    expect(index.by_name_token_amount.get("schmidt")?.get(4900)).toEqual(["cus_b"])
    expect(index.customers.get("cus_b")?.by_amount.get(4900)?.map((item) => item.item.invoice_id)).toEqual(["inv_200", "inv_201"])
  })

  it("upper-cases currencies and records key shapes", () => {
    expect(index.by_key.get("RE2026000201")?.[0].currency).toBe("EUR")
    expect(index.key_lengths).toEqual([12])
    expect(index.prefixless_key_lengths).toEqual([10])
    expect(index.customer_key_lengths).toEqual([7])
    expect([...index.key_prefixes]).toEqual(["RE"])
    expect(index.max_sequence_length).toBe(6)
  })

  it.each<[string, object, string]>([
    ["a zero open amount", { open_amount: "0.00" }, 'open_items[0] (invoice RE-2026-000001).open_amount: must be greater than 0, got "0.00"'],
    ["a malformed open amount", { open_amount: "1,00" }, "open_items[0] (invoice RE-2026-000001).open_amount: invalid amount"],
    ["a bad due date", { due_date: "2026-02-30" }, "Invalid open_items[0] (invoice RE-2026-000001).due_date"],
    ["a bad currency", { currency: "EURO" }, 'open_items[0] (invoice RE-2026-000001).currency: invalid currency code "EURO"'],
    ["an empty number", { invoice_number: "--" }, "open_items[0] (invoice --).invoice_number: must contain letters or digits"],
    ["no invoice id", { invoice_id: "" }, "open_items[0].invoice_id: must be a non-empty string"],
  ])("rejects %s, naming the item and field", (_, change, message) => {
    expect(() => buildOpenItemIndex([openItem(1, "a", "1.00", change)])).toThrow(message)
  })
})

describe("key helpers", () => {
  it.each([
    ["RE2026000123", "RE"],
    ["2026000123", ""],
    ["INV12", "INV"],
  ])("letterPrefix(%s) = %j", (key, prefix) => {
    expect(letterPrefix(key)).toBe(prefix)
  })

  it.each<[string, string | null]>([
    ["RE-2026-000123", "123"],
    ["RE-2026-000123-A", "123"],
    ["K-100234", "100234"],
    ["RE-0000", null],
    ["ABC", null],
  ])("lastDigitRun(%s) = %j", (value, digits) => {
    expect(lastDigitRun(value)).toBe(digits)
  })
})
