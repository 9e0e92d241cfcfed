import { isDecimalString, lineAmount, negateAmount, proratedAmount } from "../money"

describe("proratedAmount (exact days, rounded once half away from zero)", () => {
  it.each([
    // unit, qty, days, period, expected — expectations worked out by hand
    ["10.00", 1, 17, 31, "5.48"], // 170 / 31 = 5.4838…
    ["19.90", 1, 22, 31, "14.12"], // 437.8 / 31 = 14.1225…
    ["19.90", 1, 9, 31, "5.78"], // 179.1 / 31 = 5.7774…
    ["19.90", 3, 31, 31, "59.70"], // a whole period is exactly price × quantity
    ["0.05", 1, 1, 2, "0.03"], // 0.025 rounds up
    ["1.00", 1, 1, 8, "0.13"], // 0.125 rounds up
    ["1.00", 1, 3, 8, "0.38"], // 0.375 rounds up
    ["2.675", 1, 1, 1, "2.68"], // binary floats would give 2.67
    ["1.005", 1, 1, 1, "1.01"], // binary floats would give 1.00
    ["0.00", 5, 10, 30, "0.00"],
    ["100.00", 1, 1, 3, "33.33"],
    ["100.00", 1, 2, 3, "66.67"],
    ["1234567890.12", 7, 364, 365, "8618298586.37"], // 78641974600644 / 9125 = 8618298586.3719…
  ])("%s × %i × %i / %i = %s", (unit, qty, days, period, expected) => {
    expect(proratedAmount(unit, qty, days, period)).toBe(expected)
  })

  it("rejects a non-positive period length", () => {
    expect(() => proratedAmount("1.00", 1, 1, 0)).toThrow("positive integer")
  })
})

describe("lineAmount / negateAmount / isDecimalString", () => {
  it.each([
    ["99.95", 2, "199.90"],
    ["0.333", 3, "1.00"], // 0.999
    ["0.335", 1, "0.34"],
  ])("%s × %i = %s", (unit, qty, expected) => {
    expect(lineAmount(unit, qty)).toBe(expected)
  })

  it.each([
    ["14.12", "-14.12"],
    ["-3.10", "3.10"],
    ["0.00", "0.00"],
  ])("negate %s = %s", (amount, expected) => {
    expect(negateAmount(amount)).toBe(expected)
  })

  it.each([
    ["19.90", true],
    ["-1", true],
    ["1e3", false],
    ["abc", false],
    ["1.", false],
  ])("isDecimalString(%s) = %s", (value, expected) => {
    expect(isDecimalString(value)).toBe(expected)
  })
})
