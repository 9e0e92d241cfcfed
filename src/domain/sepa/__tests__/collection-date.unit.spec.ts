import {
  addTarget2BusinessDays,
  collectionDate,
  CollectionDateOptions,
  DEFAULT_PRE_NOTIFICATION_DAYS,
  DEFAULT_SUBMISSION_LEAD_DAYS,
  earliestCollectionDate,
  easterSunday,
  isTarget2BusinessDay,
  nextTarget2BusinessDay,
  target2ClosingReason,
} from "../collection-date"

describe("easterSunday", () => {
  // Expected dates from python-dateutil's easter() (Gregorian method), checked independently.
  it.each([
    [1818, "1818-03-22"], // earliest possible date
    [2000, "2000-04-23"],
    [2008, "2008-03-23"],
    [2011, "2011-04-24"],
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"], // latest possible date
    [2285, "2285-03-22"],
  ])("%i → %s", (year, expected) => {
    expect(easterSunday(year)).toBe(expected)
  })

  it.each([1582, 10000, 2026.5])("rejects year %p", (year) => {
    expect(() => easterSunday(year)).toThrow("Gregorian year")
  })
})

describe("TARGET2 calendar", () => {
  it.each([
    ["2026-03-02", null], // Monday
    ["2026-03-07", "Saturday"],
    ["2026-03-08", "Sunday"],
    ["2026-01-01", "New Year's Day"],
    ["2026-01-02", null], // Friday after New Year
    ["2026-04-02", null], // Maundy Thursday is open
    ["2026-04-03", "Good Friday"],
    ["2026-04-05", "Sunday"], // Easter Sunday
    ["2026-04-06", "Easter Monday"],
    ["2024-03-29", "Good Friday"],
    ["2024-04-01", "Easter Monday"],
    ["2027-03-26", "Good Friday"],
    ["2027-03-29", "Easter Monday"],
    ["2026-05-01", "Labour Day"],
    ["2026-05-14", null], // Ascension Day is a German holiday, not a TARGET2 one
    ["2026-10-03", "Saturday"],
    ["2025-10-03", null], // German Unity Day (a Friday in 2025): TARGET2 is open
    ["2026-12-24", null], // Christmas Eve is open
    ["2026-12-25", "Christmas Day"],
    ["2026-12-26", "Saturday"], // Boxing Day 2026 falls on a Saturday anyway
    ["2025-12-26", "Boxing Day"],
    ["2026-12-31", null], // New Year's Eve is open
    // holidays on a weekend are not moved to the Monday
    ["2027-12-27", null],
    ["2022-01-03", null],
  ])("%s → %s", (date, reason) => {
    expect(target2ClosingReason(date)).toBe(reason)
    expect(isTarget2BusinessDay(date)).toBe(reason === null)
  })

  it.each([
    ["2026-03-02", "2026-03-02"],
    ["2026-03-07", "2026-03-09"],
    ["2026-04-03", "2026-04-07"],
    ["2026-12-25", "2026-12-28"],
    ["2027-01-01", "2027-01-04"],
    ["2025-12-25", "2025-12-29"],
  ])("nextTarget2BusinessDay(%s) = %s", (date, expected) => {
    expect(nextTarget2BusinessDay(date)).toBe(expected)
  })

  it.each([
    ["2026-03-02", 0, "2026-03-02"],
    ["2026-03-02", 1, "2026-03-03"],
    ["2026-03-06", 1, "2026-03-09"], // Friday → Monday
    ["2026-03-07", 1, "2026-03-10"], // Saturday: counted from Monday
    ["2026-04-02", 1, "2026-04-07"], // over Easter
    ["2026-04-02", 2, "2026-04-08"],
    ["2025-12-23", 3, "2025-12-30"], // over Christmas: 24, 29, 30
    ["2026-12-30", 2, "2027-01-04"], // over New Year: 31, 4
  ])("addTarget2BusinessDays(%s, %i) = %s", (date, count, expected) => {
    expect(addTarget2BusinessDays(date, count)).toBe(expected)
  })

  it("rejects a negative business day count", () => {
    expect(() => addTarget2BusinessDays("2026-03-02", -1)).toThrow("whole number")
  })
})

describe("earliestCollectionDate", () => {
  it("defaults to 14 days pre-notification and D-1 submission", () => {
    expect(DEFAULT_PRE_NOTIFICATION_DAYS).toBe(14)
    expect(DEFAULT_SUBMISSION_LEAD_DAYS).toBe(1)
  })

  it.each<[string, string, CollectionDateOptions, string]>([
    ["14 days land on a Monday", "2026-03-02", {}, "2026-03-16"],
    ["14 days land on Good Friday", "2026-03-20", {}, "2026-04-07"],
    ["14 days land on Easter Monday", "2026-03-23", {}, "2026-04-07"],
    ["14 days land on 29 Dec", "2026-12-15", {}, "2026-12-29"],
    ["14 days land on New Year's Day", "2026-12-18", {}, "2027-01-04"],
    ["14 days land on Christmas Day", "2025-12-11", {}, "2025-12-29"],
    ["14 days land on 29 Feb of a leap year", "2028-02-15", {}, "2028-02-29"],
    ["submission only, on a Monday", "2026-03-02", { pre_notification_days: 0 }, "2026-03-03"],
    ["submission only, on a Friday", "2026-03-06", { pre_notification_days: 0 }, "2026-03-09"],
    ["submission only, on a Saturday", "2026-03-07", { pre_notification_days: 0 }, "2026-03-10"],
    ["submission only, before Easter", "2026-04-02", { pre_notification_days: 0 }, "2026-04-07"],
    ["submission only, on Christmas Eve", "2026-12-24", { pre_notification_days: 0 }, "2026-12-28"],
    ["two lead days on a Sunday", "2026-03-08", { pre_notification_days: 0, submission_lead_days: 2 }, "2026-03-11"],
    ["one day pre-notification on Christmas Eve", "2026-12-24", { pre_notification_days: 1 }, "2026-12-28"],
    ["pre-notification shorter than the lead time", "2026-12-30", { pre_notification_days: 1, submission_lead_days: 2 }, "2027-01-04"],
    ["no lead time at all on a business day", "2026-03-02", { pre_notification_days: 0, submission_lead_days: 0 }, "2026-03-02"],
  ])("%s: today %s %j → %s", (_label, today, options, expected) => {
    expect(earliestCollectionDate(today, options)).toBe(expected)
  })

  it.each<[CollectionDateOptions, string]>([
    [{ pre_notification_days: -1 }, "pre_notification_days"],
    [{ pre_notification_days: 1.5 }, "pre_notification_days"],
    [{ submission_lead_days: -1 }, "submission_lead_days"],
  ])("rejects %j", (options, message) => {
    expect(() => earliestCollectionDate("2026-03-02", options)).toThrow(message)
  })

  it("rejects an invalid today", () => {
    expect(() => earliestCollectionDate("02.03.2026")).toThrow("today")
  })
})

describe("collectionDate", () => {
  it.each<[string, string, string | null, CollectionDateOptions, string]>([
    ["no request: the earliest date", "2026-03-02", null, {}, "2026-03-16"],
    ["a later business day is kept", "2026-03-02", "2026-04-01", {}, "2026-04-01"],
    ["exactly the earliest date", "2026-03-02", "2026-03-16", {}, "2026-03-16"],
    ["too early: the earliest date", "2026-03-02", "2026-03-05", {}, "2026-03-16"],
    ["in the past: the earliest date", "2026-03-02", "2026-02-01", {}, "2026-03-16"],
    ["a later Labour Day moves to Monday", "2026-03-02", "2026-05-01", {}, "2026-05-04"],
    ["a later Good Friday moves past Easter Monday", "2026-03-02", "2026-04-03", {}, "2026-04-07"],
    ["a later Christmas Day moves past the weekend", "2026-12-01", "2026-12-25", {}, "2026-12-28"],
    ["a later New Year's Day moves to Monday", "2026-12-01", "2027-01-01", {}, "2027-01-04"],
    ["too early across the year end", "2026-12-18", "2026-12-28", {}, "2027-01-04"],
    ["a weekend request with a short pre-notification", "2026-03-02", "2026-03-07", { pre_notification_days: 2 }, "2026-03-09"],
    ["the month end of February", "2026-02-02", "2026-02-28", {}, "2026-03-02"],
  ])("%s: today %s, requested %s %j → %s", (_label, today, requested, options, expected) => {
    expect(collectionDate(today, requested, options)).toBe(expected)
  })

  it("rejects an invalid requested date", () => {
    expect(() => collectionDate("2026-03-02", "2026-02-30")).toThrow("requested collection date")
  })
})
