import { PriceVariantInput, priceChangeDates, resolvePrice } from "../price-resolution"

const variant = (
  id: string,
  amount: string,
  valid_from: string,
  min_quantity = 1,
  currency_code = "EUR"
): PriceVariantInput => ({ id, amount, valid_from, min_quantity, currency_code })

const variants: PriceVariantInput[] = [
  variant("base_2020", "10.00", "2020-01-01"),
  variant("base_2021", "12.00", "2021-01-01"),
  variant("tier10_2020", "8.00", "2020-06-01", 10),
  variant("tier10_2022", "9.00", "2022-01-01", 10),
  variant("usd", "11.00", "2019-01-01", 1, "USD"),
]

describe("resolvePrice", () => {
  it.each([
    // quantity, date, expected variant id
    [1, "2019-12-31", null],
    [1, "2020-01-01", "base_2020"],
    [1, "2020-12-31", "base_2020"],
    [1, "2021-01-01", "base_2021"],
    [9, "2021-06-01", "base_2021"],
    [10, "2021-06-01", "tier10_2020"],
    [10, "2020-05-31", "base_2020"], // tier not started yet
    [25, "2022-01-01", "tier10_2022"],
    [0, "2022-01-01", null],
  ])("quantity %i on %s → %s", (quantity, date, expected) => {
    expect(resolvePrice(variants, { currency_code: "EUR", quantity, date })?.id ?? null).toBe(expected)
  })

  it("matches the currency case-insensitively and keeps currencies apart", () => {
    expect(resolvePrice(variants, { currency_code: "usd", quantity: 1, date: "2020-01-01" })?.id).toBe("usd")
    expect(resolvePrice(variants, { currency_code: "GBP", quantity: 1, date: "2020-01-01" })).toBeNull()
  })
})

describe("priceChangeDates", () => {
  it.each([
    ["2019-01-01", "2023-01-01", ["2020-01-01", "2020-06-01", "2021-01-01", "2022-01-01"]],
    ["2020-01-01", "2021-01-01", ["2020-06-01", "2021-01-01"]], // (from, to]
    ["2020-06-01", "2020-12-31", []],
  ])("EUR changes in (%s, %s]", (from, to, expected) => {
    expect(priceChangeDates(variants, "EUR", from, to)).toEqual(expected)
  })

  it("lists a date shared by several variants once", () => {
    const shared = [variant("a", "1.00", "2021-05-01"), variant("b", "2.00", "2021-05-01", 5)]
    expect(priceChangeDates(shared, "EUR", "2021-01-01", "2021-12-31")).toEqual(["2021-05-01"])
  })
})
