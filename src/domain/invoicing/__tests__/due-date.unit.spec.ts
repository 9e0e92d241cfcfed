import { describePaymentTerms, dueDate } from "../due-date"

describe("dueDate", () => {
  it.each([
    ["2026-12-04", 14, "2026-12-18"],
    ["2026-01-31", 30, "2026-03-02"], // February 2026 has 28 days
    ["2024-02-20", 10, "2024-03-01"], // leap year: Feb 29 is day 9
    ["2026-12-20", 14, "2027-01-03"],
    ["2026-12-31", 0, "2026-12-31"],
  ])("%s + %i days = %s", (issueDate, days, expected) => {
    expect(dueDate(issueDate, days)).toBe(expected)
  })

  it.each<[string, number, string]>([
    ["2026-12-04", -1, "whole number of days"],
    ["2026-12-04", 1.5, "whole number of days"],
    ["2026-12-32", 14, "issue date"],
  ])("rejects %s + %s", (issueDate, days, message) => {
    expect(() => dueDate(issueDate, days)).toThrow(message)
  })
})

describe("describePaymentTerms", () => {
  it.each<[number, "de" | "en", string | undefined, string]>([
    [14, "de", "2026-12-04", "Zahlbar innerhalb von 14 Tagen ohne Abzug bis zum 18.12.2026."],
    [14, "en", "2026-12-04", "Payable within 14 days without deduction by 2026-12-18."],
    [0, "de", "2026-12-04", "Zahlbar sofort ohne Abzug."],
    [0, "en", undefined, "Payable immediately."],
    [1, "de", "2026-02-28", "Zahlbar innerhalb von 1 Tag ohne Abzug bis zum 01.03.2026."],
    [1, "en", undefined, "Payable within 1 day without deduction."],
    [30, "de", undefined, "Zahlbar innerhalb von 30 Tagen ohne Abzug."],
    [30, "en", "2026-01-31", "Payable within 30 days without deduction by 2026-03-02."],
  ])("%i days, %s, issued %s", (days, locale, issueDate, expected) => {
    expect(describePaymentTerms(days, locale, issueDate)).toBe(expected)
  })

  it("rejects negative terms", () => {
    expect(() => describePaymentTerms(-7, "de")).toThrow("whole number of days")
  })
})
