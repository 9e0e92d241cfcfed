import { BillingMode, CalendarContract } from "../../domain/billing-calendar"
import { IntervalUnit } from "../../domain/calendar-date"
import { Term } from "../../domain/contract-terms"

export type ContractStatus = "draft" | "active" | "cancelled" | "ended"
export type PaymentMethod = "invoice" | "sepa_debit" | "card"

export interface ContractItemInput {
  article_id: string
  quantity?: number
  valid_from?: string
  valid_to?: string | null
  billing_from?: string | null
  custom_unit_price?: number | string | null
  description?: string | null
}

export interface ContractTerms {
  minimum_term?: Term | null
  renewal_term?: Term | null
  notice_period?: Term | null
}

export interface ContractInput extends ContractTerms {
  project_id: string
  customer_id: string
  number?: string
  currency_code?: string
  start_date: string
  end_date?: string | null
  interval_count?: number
  interval_unit: IntervalUnit
  billing_mode?: BillingMode
  billed_until?: string | null
  payment_method?: PaymentMethod
  metadata?: Record<string, unknown> | null
  items?: ContractItemInput[]
}

export type ContractUpdate = { id: string } & Partial<Omit<ContractInput, "items">>

/** The contract as the steps see it: what the billing calendar needs, plus the stored (flattened) terms. */
export interface ContractRow extends CalendarContract {
  number: string
  project_id: string
  customer_id: string
  status: ContractStatus
  minimum_term_count: number | null
  minimum_term_unit: IntervalUnit | null
  renewal_term_count: number | null
  renewal_term_unit: IntervalUnit | null
  notice_period_count: number | null
  notice_period_unit: IntervalUnit | null
}

export function flattenTerms(terms: ContractTerms): Record<string, number | IntervalUnit | null> {
  const out: Record<string, number | IntervalUnit | null> = {}
  for (const key of ["minimum_term", "renewal_term", "notice_period"] as const) {
    if (terms[key] !== undefined) {
      out[`${key}_count`] = terms[key]?.count ?? null
      out[`${key}_unit`] = terms[key]?.unit ?? null
    }
  }
  return out
}

export function termOf(row: ContractRow, key: "minimum_term" | "renewal_term" | "notice_period"): Term | null {
  const count = row[`${key}_count`]
  const unit = row[`${key}_unit`]
  return count && unit ? { count, unit } : null
}
