import { addDays, assertIsoDate } from "../calendar-date"

export type DocumentLocale = "de" | "en"

function assertTermDays(days: number): void {
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new Error(`Payment term must be a whole number of days ≥ 0, got ${days}`)
  }
}

/** The due date: `paymentTermDays` calendar days after the issue date (0 = due on issue). */
export function dueDate(issueDate: string, paymentTermDays: number): string {
  assertIsoDate(issueDate, "issue date")
  assertTermDays(paymentTermDays)
  return addDays(issueDate, paymentTermDays)
}

function germanDate(isoDate: string): string {
  return `${isoDate.slice(8, 10)}.${isoDate.slice(5, 7)}.${isoDate.slice(0, 4)}`
}

/**
 * The payment terms sentence printed on the invoice. With the issue date it names the due
 * date ("… bis zum 18.12.2026." / "… by 2026-12-18."); 0 days means payable immediately.
 */
export function describePaymentTerms(days: number, locale: DocumentLocale, issueDate?: string): string {
  assertTermDays(days)
  if (days === 0) {
    return locale === "de" ? "Zahlbar sofort ohne Abzug." : "Payable immediately."
  }
  const due = issueDate === undefined ? null : dueDate(issueDate, days)
  if (locale === "de") {
    const period = days === 1 ? "1 Tag" : `${days} Tagen`
    return `Zahlbar innerhalb von ${period} ohne Abzug${due ? ` bis zum ${germanDate(due)}` : ""}.`
  }
  const period = days === 1 ? "1 day" : `${days} days`
  return `Payable within ${period} without deduction${due ? ` by ${due}` : ""}.`
}
