import {
  addDays,
  addInterval,
  compareDates,
  daysBetween,
  fromDayNumber,
  intervalIndexOf,
  IntervalUnit,
  isIsoDate,
  maxDate,
  minDate,
  toDayNumber,
} from "../calendar-date"

describe("isIsoDate", () => {
  it.each([
    ["2020-02-29", true],
    ["2021-02-29", false],
    ["1900-02-29", false],
    ["2000-02-29", true],
    ["2021-04-31", false],
    ["2021-13-01", false],
    ["2021-00-10", false],
    ["2021-1-01", false],
    ["2021-01-01T00:00:00Z", false],
    ["", false],
  ])("%s → %s", (value, expected) => {
    expect(isIsoDate(value)).toBe(expected)
  })
})

describe("day numbers", () => {
  it.each([
    ["1970-01-01", 0],
    ["1970-01-02", 1],
    ["1969-12-31", -1],
    // 30 years × 365 + 7 leap days (72…96) + 31 (Jan) + 29 (Feb 2000)
    ["2000-03-01", 30 * 365 + 7 + 31 + 29],
    // years 50…1969: 1920 × 365 + 465 leap days (480 multiples of 4 − 15 non-leap centuries)
    ["0050-01-01", -(1920 * 365 + 465)],
  ])("%s is day %i", (date, dayNumber) => {
    expect(toDayNumber(date)).toBe(dayNumber)
    expect(fromDayNumber(dayNumber)).toBe(date)
  })

  it("rejects invalid dates", () => {
    expect(() => toDayNumber("2021-02-30")).toThrow("Invalid calendar date")
  })
})

describe("addDays / daysBetween / comparisons", () => {
  it.each([
    ["2020-02-28", 1, "2020-02-29"],
    ["2021-02-28", 1, "2021-03-01"],
    ["2020-12-31", 1, "2021-01-01"],
    ["2021-03-01", -1, "2021-02-28"],
    ["2020-03-01", -1, "2020-02-29"],
    ["2021-03-28", 1, "2021-03-29"],
  ])("%s + %i = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected)
  })

  it.each([
    ["2020-01-01", "2021-01-01", 366],
    ["2021-01-01", "2022-01-01", 365],
    ["2021-01-31", "2021-01-01", -30],
    ["2021-07-10", "2021-07-31", 21],
  ])("daysBetween(%s, %s) = %i", (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected)
  })

  it("compares and picks extremes", () => {
    expect(compareDates("2021-01-02", "2021-01-01")).toBe(1)
    expect(compareDates("2021-01-01", "2021-01-01")).toBe(0)
    expect(compareDates("2020-12-31", "2021-01-01")).toBe(-1)
    expect(minDate("2021-05-01", "2020-05-01", "2022-01-01")).toBe("2020-05-01")
    expect(maxDate("2021-05-01", "2020-05-01", "2022-01-01")).toBe("2022-01-01")
  })
})

describe("addInterval", () => {
  it.each<[string, number, IntervalUnit, string[]]>([
    ["2021-01-31", 1, "MONTH", ["2021-02-28", "2021-03-31", "2021-04-30", "2021-05-31"]],
    ["2020-01-31", 1, "MONTH", ["2020-02-29", "2020-03-31", "2020-04-30", "2020-05-31"]],
    ["2020-02-29", 1, "YEAR", ["2021-02-28", "2022-02-28", "2023-02-28", "2024-02-29"]],
    ["2020-03-10", 3, "MONTH", ["2020-06-10", "2020-09-10", "2020-12-10", "2021-03-10"]],
    ["2023-11-30", 1, "MONTH", ["2023-12-30", "2024-01-30", "2024-02-29", "2024-03-30"]],
    ["2021-01-04", 2, "WEEK", ["2021-01-18", "2021-02-01", "2021-02-15", "2021-03-01"]],
    ["2021-12-30", 3, "DAY", ["2022-01-02", "2022-01-05", "2022-01-08", "2022-01-11"]],
  ])("from %s every %i %s", (anchor, count, unit, expected) => {
    expect(expected.map((_, i) => addInterval(anchor, count, unit, i + 1))).toEqual(expected)
    expect(addInterval(anchor, count, unit, 0)).toBe(anchor)
  })

  it("supports boundaries before the anchor", () => {
    expect(addInterval("2021-03-31", 1, "MONTH", -1)).toBe("2021-02-28")
    expect(addInterval("2021-01-15", 1, "MONTH", -1)).toBe("2020-12-15")
    expect(addInterval("2021-01-06", 1, "WEEK", -2)).toBe("2020-12-23")
  })
})

describe("intervalIndexOf", () => {
  it.each<[string, number, IntervalUnit, string, number]>([
    ["2021-01-31", 1, "MONTH", "2021-02-27", 0],
    ["2021-01-31", 1, "MONTH", "2021-02-28", 1],
    ["2021-01-31", 1, "MONTH", "2021-03-30", 1],
    ["2021-01-31", 1, "MONTH", "2021-03-31", 2],
    ["2021-01-31", 1, "MONTH", "2021-01-30", -1],
    ["2020-03-10", 3, "MONTH", "2020-09-09", 1],
    ["2020-03-10", 3, "MONTH", "2020-09-10", 2],
    ["2020-02-29", 1, "YEAR", "2024-02-28", 3],
    ["2020-02-29", 1, "YEAR", "2024-02-29", 4],
    ["2021-01-06", 1, "WEEK", "2021-01-12", 0],
    ["2021-01-06", 1, "WEEK", "2021-01-13", 1],
    ["2021-01-06", 2, "DAY", "2021-01-05", -1],
  ])("anchor %s every %i %s: %s is in interval %i", (anchor, count, unit, date, expected) => {
    expect(intervalIndexOf(anchor, count, unit, date)).toBe(expected)
  })
})
