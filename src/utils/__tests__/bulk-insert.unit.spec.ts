import { canonicalDecimal } from "../bulk-insert"

describe("canonicalDecimal (how bulk inserts store bigNumber values, like the ORM)", () => {
  it.each([
    ["19.90", "19.9"],
    ["100.00", "100"],
    ["-19.90", "-19.9"],
    ["-0.00", "0"],
    ["007", "7"],
    ["0.10", "0.1"],
    ["12.340", "12.34"],
    ["-0.5", "-0.5"],
    ["123456789012345678.01", "123456789012345678.01"],
    ["1e3", "1000"],
  ])("%s → %s", (input, expected) => {
    expect(canonicalDecimal(input)).toBe(expected)
  })
})
