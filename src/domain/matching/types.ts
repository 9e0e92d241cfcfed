/**
 * Types of the payment-matching engine. Amounts are decimal strings with two decimals
 * ("119.00"), dates ISO "YYYY-MM-DD". Everything the engine needs is a parameter:
 * no database, no clock, no container.
 */

/** The part of a credit bank transaction (and its entry) that matching looks at. */
export interface MatchInput {
  /** Positive decimal string. */
  amount: string
  currency: string
  booking_date: string
  remittance_text: string
  structured_reference: string | null
  end_to_end_id: string | null
  mandate_id: string | null
  counterparty_name: string | null
  counterparty_iban: string | null
}

/** One open (unpaid or partly paid) invoice. */
export interface OpenItem {
  invoice_id: string
  invoice_number: string
  customer_id: string
  customer_number: string | null
  customer_name: string
  currency: string
  /** What is still to be paid: decimal string > 0. */
  open_amount: string
  total_amount: string
  issue_date: string
  due_date: string
  /** Our SEPA end-to-end ids of direct debit collections pending for this invoice. */
  end_to_end_ids?: readonly string[]
  mandate_id?: string | null
  collection_date?: string | null
}

/**
 * IBANs learned from earlier matches and from mandates: normalised IBAN (see `normalizeIban`)
 * → the customers it has paid for. A shared account (a holding paying for its subsidiaries)
 * maps to several customers.
 */
export type KnownIbans =
  | ReadonlyMap<string, readonly string[]>
  | Readonly<Record<string, readonly string[]>>

export interface MatchConfig {
  /** Book automatically from this confidence on (0..1). */
  auto_book_threshold: number
  /** A payment at most this much below the open amount settles it; the rest is written off. */
  write_off_tolerance: string
  /** Amount + payer name evidence only counts for invoices issued on or before the booking
   * date and due at most this many days before it. */
  date_window_days: number
  /** Subset-sum looks at this many of a customer's oldest open items at most. */
  max_subset_items: number
}

export const DEFAULT_MATCH_CONFIG: MatchConfig = {
  auto_book_threshold: 0.9,
  write_off_tolerance: "0.00",
  date_window_days: 60,
  max_subset_items: 12,
}

export interface MatchAllocation {
  invoice_id: string
  invoice_number: string
  /** What this payment settles of the invoice. */
  amount: string
  /** What is written off on top of `amount` (a short payment within tolerance), "0.00" otherwise. */
  write_off_amount: string
}

export interface MatchSuggestion {
  allocations: MatchAllocation[]
  customer_id: string | null
  confidence: number
  /** Paid beyond the allocations, to be credited to `customer_id`'s account. */
  credit_amount: string
  /** Sum of the allocations' write-offs. */
  write_off_amount: string
  /** Human-readable, strongest first. */
  reasons: string[]
}

export type MatchDecision = "auto" | "review" | "unmatched"

export interface MatchResult {
  decision: MatchDecision
  /** The best suggestion's confidence, 0 when there is none. */
  confidence: number
  /** What to book now: the best suggestion's allocations when `decision` is "auto", else empty. */
  allocations: MatchAllocation[]
  /** The customer the payment belongs to, when the evidence names one without doubt
   * (also for "review" and "unmatched", e.g. for booking a credit by hand). */
  customer_id: string | null
  credit_amount: string
  write_off_amount: string
  /** At most five, best first; the first is what "auto" booked. */
  suggestions: MatchSuggestion[]
}
