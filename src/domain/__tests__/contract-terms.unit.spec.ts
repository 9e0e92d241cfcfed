import { CancellationInput, computeCancellationEndDate, Term } from "../contract-terms"

const months = (count: number): Term => ({ count, unit: "MONTH" })

describe("computeCancellationEndDate", () => {
  it.each<[string, Omit<CancellationInput, "notice_received_on">, string, string]>([
    [
      "notice exactly 3 months before the minimum term ends",
      { start_date: "2024-01-15", minimum_term: months(12), renewal_term: months(12), notice_period: months(3) },
      "2024-10-15",
      "2025-01-14",
    ],
    [
      "notice one day too late rolls into the renewal",
      { start_date: "2024-01-15", minimum_term: months(12), renewal_term: months(12), notice_period: months(3) },
      "2024-10-16",
      "2026-01-14",
    ],
    [
      "notice well before the end still waits for the minimum term",
      { start_date: "2024-01-15", minimum_term: months(12), renewal_term: months(12), notice_period: months(3) },
      "2024-02-01",
      "2025-01-14",
    ],
    [
      "no renewal: notice after the minimum term ends one notice period later",
      { start_date: "2024-01-15", minimum_term: months(12), renewal_term: null, notice_period: months(1) },
      "2025-03-10",
      "2025-04-09",
    ],
    [
      "no renewal: notice early in the minimum term ends with the minimum term",
      { start_date: "2024-01-15", minimum_term: months(12), renewal_term: null, notice_period: months(1) },
      "2024-06-01",
      "2025-01-14",
    ],
    [
      "no renewal: notice reaching past the minimum term",
      { start_date: "2024-01-15", minimum_term: months(12), renewal_term: null, notice_period: months(1) },
      "2024-12-20",
      "2025-01-19",
    ],
    [
      "no minimum, no renewal",
      { start_date: "2024-01-01", minimum_term: null, renewal_term: null, notice_period: months(3) },
      "2024-05-20",
      "2024-08-19",
    ],
    [
      "monthly renewal from the 31st does not drift after February",
      { start_date: "2021-01-31", minimum_term: months(1), renewal_term: months(1), notice_period: null },
      "2021-04-15",
      "2021-04-29",
    ],
    [
      "no minimum, no notice period: ends with the running term",
      { start_date: "2024-01-31", minimum_term: null, renewal_term: months(1), notice_period: null },
      "2024-03-05",
      "2024-03-30",
    ],
    [
      "no notice period: notice on the first day of a term ends that term, never the one already over",
      { start_date: "2024-01-31", minimum_term: null, renewal_term: months(1), notice_period: null },
      "2024-03-31",
      "2024-04-29",
    ],
    [
      "no terms at all: notice ends the contract on the day it arrives",
      { start_date: "2024-01-31", minimum_term: null, renewal_term: null, notice_period: null },
      "2024-01-31",
      "2024-01-31",
    ],
    [
      "no minimum: notice before the start ends the contract before it begins",
      { start_date: "2024-06-01", minimum_term: null, renewal_term: months(12), notice_period: months(1) },
      "2024-04-15",
      "2024-05-31",
    ],
    [
      "yearly minimum from 29 Feb with half-year renewals, notice in time",
      { start_date: "2024-02-29", minimum_term: { count: 1, unit: "YEAR" }, renewal_term: months(6), notice_period: months(1) },
      "2025-01-28",
      "2025-02-27",
    ],
    [
      "yearly minimum from 29 Feb with half-year renewals, notice too late",
      { start_date: "2024-02-29", minimum_term: { count: 1, unit: "YEAR" }, renewal_term: months(6), notice_period: months(1) },
      "2025-02-01",
      "2025-08-28",
    ],
    [
      "day and week terms, notice in time",
      {
        start_date: "2024-01-01",
        minimum_term: { count: 30, unit: "DAY" },
        renewal_term: { count: 2, unit: "WEEK" },
        notice_period: { count: 7, unit: "DAY" },
      },
      "2024-02-01",
      "2024-02-13",
    ],
    [
      "day and week terms, notice too late",
      {
        start_date: "2024-01-01",
        minimum_term: { count: 30, unit: "DAY" },
        renewal_term: { count: 2, unit: "WEEK" },
        notice_period: { count: 7, unit: "DAY" },
      },
      "2024-02-08",
      "2024-02-27",
    ],
  ])("%s", (_name, terms, notice_received_on, expected) => {
    expect(computeCancellationEndDate({ ...terms, notice_received_on })).toBe(expected)
  })

  it.each<[string, CancellationInput, string]>([
    [
      "a renewal term of zero",
      { start_date: "2024-01-01", minimum_term: null, renewal_term: months(0), notice_period: null, notice_received_on: "2024-02-01" },
      "renewal_term",
    ],
    [
      "an invalid date",
      { start_date: "2024-02-30", minimum_term: null, renewal_term: null, notice_period: null, notice_received_on: "2024-02-01" },
      "start_date",
    ],
  ])("rejects %s", (_name, input, message) => {
    expect(() => computeCancellationEndDate(input)).toThrow(message)
  })
})
