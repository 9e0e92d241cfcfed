import { MathBN } from "@medusajs/framework/utils"
import { addDays, compareDates, maxDate } from "../calendar-date"
import { assertBalanced, Entry } from "../ledger/postings"
import type { DunningLevel, DunningOptions } from "./options"

/** The highest notice an invoice has received so far. */
export interface LastNotice {
  level: number
  notice_date: string
}

/** An open item as dunning sees it: the invoice joined with its open amount from the ledger. */
export interface DunningCandidate {
  invoice_id: string
  customer_id: string
  currency_code: string
  /** The invoice's status: only "issued" invoices are reminded (a cancelled one never). */
  status: string
  due_date: string | null
  /** What is open on the invoice (fees of earlier notices included). */
  open_amount: string
  last_notice: LastNotice | null
  /** A SEPA direct debit of the invoice is submitted and the money not yet in. */
  pending_direct_debit: boolean
}

export type DunningSkipReason = "cancelled" | "below_min_open_amount" | "pending_direct_debit" | "customer_has_credit"

export interface PlannedNotice {
  invoice_id: string
  customer_id: string
  currency_code: string
  level: number
  /** The first day this level was due for the invoice. */
  due_since: string
  open_amount: string
  fee: string
  /** open_amount + fee */
  total: string
}

export interface SkippedInvoice {
  invoice_id: string
  customer_id: string
  /** The level the invoice would have received. */
  level: number
  reason: DunningSkipReason
}

export interface DunningPlan {
  notices: PlannedNotice[]
  skipped: SkippedInvoice[]
}

type LevelRules = Pick<DunningOptions, "levels" | "min_days_between_levels">

/**
 * The level an invoice is due for on `asOf`, or null. Levels are only ever raised: a level at or below the
 * last notice's is never sent again. Level n is due from `due_date + days_after_due(n)`, and — when the
 * invoice was reminded before — not before `last notice + min_days_between_levels`. Of the levels due, the
 * highest is taken: one notice per invoice and run, and an invoice whose dunning was not run for a while
 * gets the level its days call for rather than the whole series at once.
 */
export function dueLevel(
  dueDate: string,
  lastNotice: LastNotice | null,
  asOf: string,
  rules: LevelRules
): { level: DunningLevel; due_since: string } | null {
  let found: { level: DunningLevel; due_since: string } | null = null
  for (const level of rules.levels) {
    if (lastNotice && level.level <= lastNotice.level) {
      continue
    }
    const byDays = addDays(dueDate, level.days_after_due)
    const dueSince = lastNotice ? maxDate(byDays, addDays(lastNotice.notice_date, rules.min_days_between_levels)) : byDays
    if (compareDates(dueSince, asOf) <= 0) {
      found = { level, due_since: dueSince }
    }
  }
  return found
}

const balanceKey = (customerId: string, currencyCode: string) => `${customerId}|${currencyCode.toLowerCase()}`

/**
 * Which invoices get which notice on `asOf`. An invoice with a level due is skipped — and reported with the
 * first reason that applies — when it is cancelled, its open amount is below `min_open_amount`, a direct
 * debit of it is pending, or its customer's account in that currency has a balance ≤ 0 (a credit covers
 * the open items). Invoices with no level due are not reported at all.
 */
export function planDunning(input: {
  as_of: string
  options: Pick<DunningOptions, "levels" | "min_days_between_levels" | "min_open_amount">
  candidates: readonly DunningCandidate[]
  /** The customer account balance (debit positive) per customer and currency of every candidate. */
  customer_balances: readonly { customer_id: string; currency_code: string; balance: string }[]
}): DunningPlan {
  const balances = new Map(input.customer_balances.map((b) => [balanceKey(b.customer_id, b.currency_code), b.balance]))
  const plan: DunningPlan = { notices: [], skipped: [] }
  for (const candidate of input.candidates) {
    if (!candidate.due_date) {
      continue
    }
    const due = dueLevel(candidate.due_date, candidate.last_notice, input.as_of, input.options)
    if (!due) {
      continue
    }
    const balance = balances.get(balanceKey(candidate.customer_id, candidate.currency_code))
    if (balance === undefined) {
      throw new Error(`no account balance of customer ${candidate.customer_id} in ${candidate.currency_code} for invoice ${candidate.invoice_id}`)
    }
    const reason: DunningSkipReason | null =
      candidate.status !== "issued"
        ? "cancelled"
        : MathBN.lt(candidate.open_amount, input.options.min_open_amount)
          ? "below_min_open_amount"
          : candidate.pending_direct_debit
            ? "pending_direct_debit"
            : MathBN.lte(balance, 0)
              ? "customer_has_credit"
              : null
    if (reason) {
      plan.skipped.push({ invoice_id: candidate.invoice_id, customer_id: candidate.customer_id, level: due.level.level, reason })
      continue
    }
    const open = MathBN.convert(candidate.open_amount).toFixed(2)
    plan.notices.push({
      invoice_id: candidate.invoice_id,
      customer_id: candidate.customer_id,
      currency_code: candidate.currency_code,
      level: due.level.level,
      due_since: due.due_since,
      open_amount: open,
      fee: due.level.fee,
      total: MathBN.add(open, due.level.fee).toFixed(2),
    })
  }
  return plan
}

/** The fee of a notice: the customer is debited (the reminded invoice's open item grows), the fees account credited. */
export function dunningFeeEntries(customerId: string, fee: string): Entry[] {
  const amount = MathBN.convert(fee)
  if (!amount.isPositive() || amount.isZero()) {
    throw new Error(`fee: expected a positive amount, got "${fee}"`)
  }
  const entries: Entry[] = [
    { account: { kind: "customer", customer_id: customerId }, amount: amount.toFixed(2) },
    { account: { kind: "fees" }, amount: amount.negated().toFixed(2) },
  ]
  assertBalanced(entries)
  return entries
}
