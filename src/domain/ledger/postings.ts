import { MathBN } from "@medusajs/framework/utils"
import { compareDates, daysBetween } from "../calendar-date"
import { isDecimalString, negateAmount, sumAmounts } from "../money"
import { normalizeRate } from "../invoicing/tax"

/**
 * Double-entry postings. An entry's amount is positive for a debit and negative
 * for a credit; the entries of one posting always sum to exactly 0.
 *
 * Customer accounts are receivables: a positive balance is what the customer owes,
 * a negative balance is the customer's credit.
 */
export type AccountRef =
  | { kind: "customer"; customer_id: string }
  | { kind: "revenue"; rate: string; category: string }
  | { kind: "vat"; rate: string }
  | { kind: "bank" }
  | { kind: "cash_discount" }
  | { kind: "write_off" }
  | { kind: "fees" }
  | { kind: "manual" }

export interface Entry {
  account: AccountRef
  amount: string
}

export interface PostingDocument {
  customer_id: string
  gross_total: string
  tax_breakdown: readonly { category: string; rate: string; net: string; tax: string }[]
}

/** A stable key of an account ("customer:cus_1", "revenue:S:19", "vat:19", "bank", …). */
export function accountKey(account: AccountRef): string {
  switch (account.kind) {
    case "customer":
      return `customer:${account.customer_id}`
    case "revenue":
      return `revenue:${account.category}:${normalizeRate(account.rate)}`
    case "vat":
      return `vat:${normalizeRate(account.rate)}`
    default:
      return account.kind
  }
}

function amountOrThrow(value: string, field: string): string {
  if (!isDecimalString(value)) {
    throw new Error(`${field}: invalid amount "${value}"`)
  }
  return value
}

/** Throws unless the entries sum to exactly 0, naming debits, credits and the difference. */
export function assertBalanced(entries: readonly Entry[]): void {
  let debits = MathBN.convert(0)
  let credits = MathBN.convert(0)
  entries.forEach((entry, index) => {
    const amount = MathBN.convert(amountOrThrow(entry.amount, `entries[${index}].amount`))
    if (amount.isNegative()) {
      credits = credits.plus(amount.negated())
    } else {
      debits = debits.plus(amount)
    }
  })
  if (!debits.eq(credits)) {
    throw new Error(
      `Posting is not balanced: debits ${debits.toFixed(2)}, credits ${credits.toFixed(2)}, ` +
        `difference ${debits.minus(credits).toFixed(2)}`
    )
  }
}

/**
 * Entries of an issued invoice: the customer is debited the gross total, revenue is
 * credited the net per (category, rate), VAT is credited the tax per rate; zero revenue
 * and VAT entries are left out (the customer entry is always there).
 */
export function invoicePostingEntries(invoice: PostingDocument): Entry[] {
  const entries: Entry[] = [
    { account: { kind: "customer", customer_id: invoice.customer_id }, amount: sumAmounts([amountOrThrow(invoice.gross_total, "gross_total")]) },
  ]
  const vatByRate = new Map<string, string[]>()
  invoice.tax_breakdown.forEach((group, index) => {
    const rate = normalizeRate(group.rate)
    const net = amountOrThrow(group.net, `tax_breakdown[${index}].net`)
    const tax = amountOrThrow(group.tax, `tax_breakdown[${index}].tax`)
    if (!MathBN.convert(net).isZero()) {
      entries.push({ account: { kind: "revenue", rate, category: group.category }, amount: negateAmount(net) })
    }
    vatByRate.set(rate, [...(vatByRate.get(rate) ?? []), tax])
  })
  for (const [rate, taxes] of vatByRate) {
    const tax = sumAmounts(taxes)
    if (!MathBN.convert(tax).isZero()) {
      entries.push({ account: { kind: "vat", rate }, amount: negateAmount(tax) })
    }
  }
  assertBalanced(entries)
  return entries
}

/**
 * Entries of a cancellation document (negative totals, as computed from negated lines):
 * the mirror image of the invoice's entries — the customer is credited, revenue and VAT
 * are debited.
 */
export function cancellationPostingEntries(cancellation: PostingDocument): Entry[] {
  if (MathBN.gt(amountOrThrow(cancellation.gross_total, "gross_total"), 0)) {
    throw new Error(
      `A cancellation document has a negative gross total, got ${cancellation.gross_total}; negate the original lines first`
    )
  }
  return invoicePostingEntries(cancellation)
}

export type ManualCounterAccount = "bank" | "manual" | "write_off" | "fees"

export interface ManualBookingInput {
  customer_id: string
  /** Positive amount with at most 2 decimals. */
  amount: string
  /** credit: the customer's balance goes down (e.g. a payment received); debit: it goes up. */
  direction: "credit" | "debit"
  counter: ManualCounterAccount
}

/**
 * A manual booking on a customer account against a counter account, e.g. an unassignable
 * bank payment: `{ direction: "credit", counter: "bank" }` credits the customer and debits the bank.
 */
export function manualBookingEntries(input: ManualBookingInput): Entry[] {
  if (!isDecimalString(input.amount) || !/^\d+(\.\d{1,2})?$/.test(input.amount) || MathBN.lte(input.amount, 0)) {
    throw new Error(`amount: expected a positive amount with at most 2 decimals, got "${input.amount}"`)
  }
  if (input.direction !== "credit" && input.direction !== "debit") {
    throw new Error(`direction: expected "credit" or "debit", got "${String(input.direction)}"`)
  }
  const counterKinds: readonly string[] = ["bank", "manual", "write_off", "fees"]
  if (!counterKinds.includes(input.counter)) {
    throw new Error(`counter: expected one of ${counterKinds.join(", ")}, got "${String(input.counter)}"`)
  }
  const amount = MathBN.convert(input.amount).toFixed(2)
  const customerAmount = input.direction === "debit" ? amount : negateAmount(amount)
  const entries: Entry[] = [
    { account: { kind: "customer", customer_id: input.customer_id }, amount: customerAmount },
    { account: { kind: input.counter } as AccountRef, amount: negateAmount(customerAmount) },
  ]
  assertBalanced(entries)
  return entries
}

/** The balance of one account over entries of any accounts (debit positive). */
export function balanceOf(entries: readonly Entry[], account: AccountRef): string {
  const key = accountKey(account)
  return sumAmounts(entries.filter((entry) => accountKey(entry.account) === key).map((entry) => entry.amount))
}

/** Balance of a customer account from its entries: positive = the customer owes, negative = credit. */
export function customerBalance(entries: readonly { amount: string }[]): string {
  return sumAmounts(entries.map((entry, index) => amountOrThrow(entry.amount, `entries[${index}].amount`)))
}

/** The credit a customer balance offers to the next invoice: −balance when negative, else 0. */
export function availableCredit(balance: string): string {
  const value = MathBN.convert(amountOrThrow(balance, "balance"))
  return value.isNegative() ? value.negated().toFixed(2) : "0.00"
}

/** Statement lines: the entries in the given order, each with the running balance after it. */
export function withRunningBalance<T extends { amount: string }>(entries: readonly T[]): (T & { balance: string })[] {
  let balance = MathBN.convert(0)
  return entries.map((entry, index) => {
    balance = balance.plus(amountOrThrow(entry.amount, `entries[${index}].amount`))
    return { ...entry, balance: balance.toFixed(2) }
  })
}

export interface OpenItemInvoice {
  id: string
  number: string
  gross_total: string
  issue_date: string
  due_date: string
}

export interface OpenItemAllocation {
  invoice_id: string
  /** Positive amounts (payments, credits) reduce the open amount; negative ones reverse them. */
  amount: string
}

export interface OpenItem {
  invoice_id: string
  number: string
  gross_total: string
  paid: string
  open: string
  issue_date: string
  due_date: string
  /** Days past the due date on `as_of` while something is open; 0 otherwise. */
  overdue_days: number
}

/**
 * Open items of a customer: each invoice with what was allocated to it and what is still
 * open (never below 0), sorted by due date, then number. Fully paid (open = 0) items —
 * including cancellation documents with negative totals — are left out unless `include_paid`.
 * Allocations to invoices that are not listed are ignored.
 */
export function openItems(
  invoices: readonly OpenItemInvoice[],
  allocations: readonly OpenItemAllocation[],
  options: { as_of: string; include_paid?: boolean }
): OpenItem[] {
  const paidByInvoice = new Map<string, string[]>()
  allocations.forEach((allocation, index) => {
    const amount = amountOrThrow(allocation.amount, `allocations[${index}].amount`)
    paidByInvoice.set(allocation.invoice_id, [...(paidByInvoice.get(allocation.invoice_id) ?? []), amount])
  })
  return invoices
    .map((invoice, index): OpenItem => {
      const gross = amountOrThrow(invoice.gross_total, `invoices[${index}].gross_total`)
      const paid = sumAmounts(paidByInvoice.get(invoice.id) ?? [])
      const remaining = MathBN.sub(gross, paid)
      const open = remaining.gt(0) ? remaining.toFixed(2) : "0.00"
      const late = daysBetween(invoice.due_date, options.as_of)
      return {
        invoice_id: invoice.id,
        number: invoice.number,
        gross_total: sumAmounts([gross]),
        paid,
        open,
        issue_date: invoice.issue_date,
        due_date: invoice.due_date,
        overdue_days: open !== "0.00" && late > 0 ? late : 0,
      }
    })
    .filter((item) => options.include_paid === true || item.open !== "0.00")
    .sort(
      (a, b) =>
        compareDates(a.due_date, b.due_date) || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0)
    )
}

/** One line of a customer account statement: an entry with the balance after it (debit positive). */
export interface StatementLine {
  entry_id: string
  posting_id: string
  booking_date: string
  kind: string
  description: string
  reference_type: string | null
  reference_id: string | null
  invoice_id: string | null
  amount: string
  balance: string
}
