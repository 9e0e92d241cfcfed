import { decimalField } from "../decimal-field"

describe("decimalField", () => {
  it.each([
    ["prefers the exact raw value", { amount: 0.30000000000000004, raw_amount: { value: "0.3", precision: 20 } }, "0.3"],
    ["keeps digits a JS number would lose", { amount: 12345678901234567, raw_amount: { value: "12345678901234567.89" } }, "12345678901234567.89"],
    ["falls back to the number when no raw value was read", { amount: 19.9 }, "19.9"],
    ["is null for a null field", { amount: null, raw_amount: null }, null],
  ])("%s", (_label, row, expected) => {
    expect(decimalField(row as { amount: unknown }, "amount")).toBe(expected)
  })
})
