import type { DueActivity, MissingPrice } from "../../domain/billing-calendar"
import type { InvoicePreview } from "../../domain/invoicing/draft-invoice"
import type { StatementLine } from "../../domain/ledger/postings"
import type { MatchAllocation, MatchSuggestion } from "../../domain/matching/types"
import type { ContractError } from "../../workflows/billing/types"

/** Shapes of the `/admin/billing/*` responses (see src/api/admin/billing/** query configs). */

export type ContractStatus = "draft" | "active" | "cancelled" | "ended"
export type IntervalUnit = "DAY" | "WEEK" | "MONTH" | "YEAR"
/** Big-number columns arrive as numbers; decimal strings are accepted too. */
export type Amount = number | string

export interface ContractItem {
  id: string
  article_id: string
  quantity: number
  valid_from: string
  valid_to: string | null
  billing_from: string | null
  custom_unit_price: Amount | null
  description: string | null
  billing_article?: { id: string; number: string; name: string; kind: string; unit: IntervalUnit | null } | null
}

export interface Contract {
  id: string
  number: string
  status: ContractStatus
  project_id: string
  customer_id: string
  currency_code: string
  start_date: string
  end_date: string | null
  interval_count: number
  interval_unit: IntervalUnit
  billing_mode: "advance" | "arrears"
  minimum_term_count: number | null
  minimum_term_unit: IntervalUnit | null
  renewal_term_count: number | null
  renewal_term_unit: IntervalUnit | null
  notice_period_count: number | null
  notice_period_unit: IntervalUnit | null
  billed_until: string | null
  payment_method: "invoice" | "sepa_debit" | "card"
  cancellation_received_on: string | null
  customer?: {
    id: string
    email: string | null
    first_name: string | null
    last_name: string | null
    company_name: string | null
  } | null
  billing_project?: { id: string; code: string; name: string } | null
  items?: ContractItem[]
}

export interface PriceVariant {
  id: string
  currency_code: string
  amount: Amount
  valid_from: string
  min_quantity: number
}

export interface Article {
  id: string
  number: string
  name: string
  description: string | null
  kind: "subscription" | "one_time" | "usage"
  unit: IntervalUnit | null
  project?: { id: string; code: string } | null
  article_group?: { id: string; code: string; name: string } | null
  price_variants?: PriceVariant[]
}

/** The billing calendar's own output types: what `GET /admin/billing/contracts/:id/preview` answers. */
export type PreviewActivity = DueActivity
export type { ContractError, InvoicePreview, MatchAllocation, MatchSuggestion, MissingPrice, StatementLine }

export interface Paginated {
  count: number
  offset: number
  limit: number
}

export type ContractListResponse = Paginated & { contracts: Contract[] }
export type ArticleListResponse = Paginated & { articles: Article[] }
export type ContractResponse = { contract: Contract }
/** Activate, cancel and end answer with the contract; cancel adds the computed end date. */
export type LifecycleResponse = ContractResponse & { end_date?: string }
export type PreviewResponse = { as_of: string; activities: PreviewActivity[]; missing_prices: MissingPrice[] }

/* ---- Invoicing (src/api/admin/billing/billing-query-config.ts) ---- */

export type InvoiceKind = "invoice" | "cancellation"
export type InvoiceStatus = "draft" | "issued" | "cancelled"

export interface InvoiceLine {
  id: string
  position: number
  activity_id: string | null
  negates_line_id: string | null
  article_id: string | null
  article_number: string | null
  description: string
  service_from: string
  service_to: string
  quantity: Amount
  unit_price: Amount
  net_amount: Amount
  tax_rate: Amount
  tax_category: string
}

export interface InvoiceTaxTotal {
  category: string
  rate: Amount
  net: Amount
  tax: Amount
}

export interface InvoiceParty {
  name?: string | null
  company?: string | null
  address_lines?: string[]
  country_code?: string | null
  vat_id?: string | null
  customer_number?: string | null
}

export interface Invoice {
  id: string
  kind: InvoiceKind
  status: InvoiceStatus
  number: string | null
  project_id: string
  contract_id: string
  contract_number: string | null
  customer_id: string
  cancels_invoice_id: string | null
  cancelled_by_invoice_id: string | null
  billing_run_id: string | null
  currency_code: string
  locale: string
  issue_date: string | null
  due_date: string | null
  service_from: string
  service_to: string
  net_total: Amount
  tax_total: Amount
  gross_total: Amount
  credit_applied: Amount
  amount_due: Amount
  /** The buyer as printed on the document (snapshot at issue). */
  buyer: InvoiceParty | null
  /** Legal notes printed on the document (and the cancellation reason on a cancellation). */
  notes: string[] | null
  payment_terms: string | null
  document_file_id: string | null
  issued_at: string | null
  created_at: string
  lines?: InvoiceLine[]
  tax_totals?: InvoiceTaxTotal[]
}

export type InvoiceListResponse = Paginated & { invoices: Invoice[] }
export type InvoiceResponse = { invoice: Invoice }
export type CancelInvoiceResponse = { invoice: Invoice; cancellation: Invoice; released_activity_ids: string[] }
export type InterimInvoiceResponse = { invoices: Invoice[]; run_id: string | null }

export type BillingRunStatus = "running" | "completed" | "failed"

export interface BillingRun {
  id: string
  as_of: string
  dry_run: boolean
  trigger: "schedule" | "admin" | "interim"
  status: BillingRunStatus
  started_at: string
  finished_at: string | null
  contracts_processed: number
  activities_created: number
  invoices_issued: number
  errors: ContractError[] | null
  filters: { contract_ids?: string[] } | null
}


/** What `POST /admin/billing/runs` answers (a dry run has no run id and issues nothing). */
export interface BillingRunResult {
  run_id: string | null
  contracts_processed: number
  activities_created: number
  invoices_issued: number
  invoice_ids: string[]
  errors: ContractError[]
  invoice_previews: InvoicePreview[]
}

export type BillingRunListResponse = Paginated & { runs: BillingRun[] }
export type StartBillingRunResponse = { run: BillingRunResult }

/* ---- Customer account (ledger) ---- */


export type LedgerResponse = { customer_id: string; currency_code: string; balance: string; entries: StatementLine[] }

export interface OpenItem {
  id: string
  number: string | null
  kind: InvoiceKind
  status: InvoiceStatus
  issue_date: string | null
  due_date: string | null
  gross_total: Amount
  currency_code: string
  open_amount: string
}

export type OpenItemsResponse = { customer_id: string; open_items: OpenItem[] }
export type LedgerBookingResponse = { posting_id: string }

/* ---- Mail log ---- */

export type MailStatus = "pending" | "sent" | "failed"

export interface MailLogEntry {
  id: string
  kind: string
  invoice_id: string | null
  customer_id: string | null
  recipient: string
  subject: string
  status: MailStatus
  error: string | null
  attempts: number
  last_attempt_at: string | null
  notification_id: string | null
  created_at: string
}

export type MailLogListResponse = Paginated & { mail_log: MailLogEntry[] }

/* ---- Dunning (src/api/admin/billing/dunning, docs/dunning.md) ---- */

export type DunningSkipReason = "cancelled" | "below_min_open_amount" | "pending_direct_debit" | "customer_has_credit"

export interface DunningNotice {
  id: string
  invoice_id: string
  invoice_number: string
  invoice_issue_date: string
  invoice_due_date: string
  invoice_total: Amount
  customer_id: string
  currency_code: string
  locale: string
  level: number
  notice_date: string
  payment_deadline: string
  open_amount: Amount
  fee: Amount
  total: Amount
  title: string
  subject: string
  text: string
  trigger: "schedule" | "admin"
  document_file_id: string | null
  delivered_at: string | null
  created_at: string
}

/** A notice as a run answers it: a dry run's have no id (nothing is written); amounts are decimal strings. */
export type PlannedDunningNotice = Omit<DunningNotice, "id" | "document_file_id" | "delivered_at" | "created_at"> & { id?: string }

export interface DunningSkippedInvoice {
  invoice_id: string
  invoice_number: string | null
  customer_id: string
  /** The level the invoice would have received. */
  level: number
  reason: DunningSkipReason
}

export interface DunningRunResult {
  as_of: string
  dry_run: boolean
  notices: PlannedDunningNotice[]
  skipped: DunningSkippedInvoice[]
  delivered: number
  mail_failed: { notice_id: string; error: string | null }[]
  errors: { notice_id: string; message: string }[]
}

export type DunningRunResponse = { run: DunningRunResult }
export type DunningNoticeListResponse = Paginated & { notices: DunningNotice[] }

/* ---- SEPA direct debit and card payments (src/api/admin/billing/collections, docs/collections.md) ---- */

export interface SepaAddress {
  street_name?: string | null
  building_number?: string | null
  postal_code?: string | null
  town_name: string
  country_code: string
}

export interface SepaCreditor {
  creditor_id?: string | null
  creditor_name?: string | null
  creditor_iban?: string | null
  creditor_bic?: string | null
  creditor_address?: Partial<SepaAddress> | null
  pre_notification_days?: number | null
}

/** A problem with one field, named as the API takes it ("creditor_address.town_name"). */
export interface SepaFieldProblem {
  field: string
  reason: string
}

export type SepaCreditorResponse = { creditor: SepaCreditor; source: "settings" | "options"; problems: SepaFieldProblem[] }

export type MandateStatus = "active" | "revoked"

export interface MandateAmendment {
  original_mandate_reference?: string | null
  original_creditor_id?: string | null
  original_creditor_name?: string | null
  original_debtor_iban?: string | null
  debtor_agent_changed?: boolean
}

export interface Mandate {
  id: string
  customer_id: string
  mandate_reference: string
  signature_date: string
  debtor_name: string
  debtor_iban: string
  debtor_bic: string | null
  street_name: string | null
  building_number: string | null
  postal_code: string | null
  town_name: string
  country_code: string
  status: MandateStatus
  revoked_on: string | null
  revocation_reason: string | null
  first_collection_at: string | null
  last_collection_date: string | null
  pending_amendment: MandateAmendment | null
  created_at: string
}

export type MandateListResponse = Paginated & { mandates: Mandate[] }
export type MandateResponse = { mandate: Mandate }

export type SepaBatchStatus = "generated" | "submitted" | "cancelled"
export type SepaCollectionStatus = "pending" | "settled" | "returned" | "cancelled"

export interface SepaCollection {
  id: string
  batch_id: string
  invoice_id: string
  invoice_number: string | null
  customer_id: string
  contract_id: string
  mandate_id: string
  mandate_reference: string
  end_to_end_id: string
  payment_information_id: string
  sequence_type: "FRST" | "RCUR" | "FNAL" | "OOFF"
  collection_date: string
  amount: Amount
  currency_code: string
  status: SepaCollectionStatus
  bank_transaction_id: string | null
  return_reason: string | null
  settled_at: string | null
  returned_at: string | null
  cancelled_at: string | null
  created_at: string
}

export interface SepaBatch {
  id: string
  message_id: string
  creation_date_time: string
  first_collection_date: string | null
  last_collection_date: string | null
  local_instrument: string
  transaction_count: number
  control_sum: Amount
  currency_code: string
  status: SepaBatchStatus
  file_id: string | null
  file_name: string
  creditor_id: string
  submitted_at: string | null
  cancelled_at: string | null
  created_at: string
  collections?: SepaCollection[]
}

export interface SepaSkippedInvoice {
  invoice_id: string
  invoice_number: string | null
  customer_id: string
  reason: string
}

export type SepaBatchListResponse = Paginated & { batches: SepaBatch[] }
export type SepaCollectionListResponse = Paginated & { collections: SepaCollection[] }
export type CreateSepaBatchResponse = { batch: SepaBatch; skipped: SepaSkippedInvoice[] }
export type UpdateSepaBatchResponse = { batch: SepaBatch; cancelled_collections: number }

export interface CardPaymentMethod {
  id: string
  contract_id: string
  customer_id: string
  provider_id: string
  payment_method_token: string
  account_holder_id: string | null
  label: string | null
  created_at: string
  updated_at: string
}

export type CardPaymentMethodResponse = { payment_method: CardPaymentMethod }

export type CardChargeStatus = "processing" | "succeeded" | "failed"

export interface CardChargeAttempt {
  id: string
  invoice_id: string
  contract_id: string
  customer_id: string
  attempt: number
  trigger: "schedule" | "manual"
  status: CardChargeStatus
  amount: Amount
  currency_code: string
  provider_id: string
  payment_collection_id: string | null
  payment_id: string | null
  error: string | null
  attempted_at: string
  finished_at: string | null
  next_attempt_at: string | null
  gave_up: boolean
  created_at: string
}

export type CardChargeListResponse = Paginated & { charges: CardChargeAttempt[] }
export type ChargeInvoiceResponse = { attempt: CardChargeAttempt }

/* ---- Bank statements and payment matching (src/api/admin/billing/bank, docs/bank.md) ---- */

export interface BankAccount {
  id: string
  iban: string
  bic: string | null
  name: string
  currency_code: string
  created_at: string
}

export type BankStatementFormat = "camt.053" | "camt.054" | "mt940" | "csv"

export interface BankStatement {
  id: string
  bank_account_id: string
  source: string
  file_name: string | null
  format: BankStatementFormat
  message_id: string | null
  statement_reference: string | null
  currency_code: string
  from_date: string | null
  to_date: string | null
  opening_balance: Amount | null
  closing_balance: Amount | null
  transactions_in_file: number
  transactions_added: number
  duplicates_skipped: number
  entries_skipped: number
  created_at: string
}

export type BankTransactionStatus = "new" | "review" | "unmatched" | "booked" | "ignored" | "returned"

export interface BankAllocation {
  id: string
  position: number
  kind: "invoice" | "credit" | "fee"
  invoice_id: string | null
  invoice_number: string | null
  customer_id: string
  amount: Amount
  write_off_amount: Amount
  end_to_end_id: string | null
  fee_counter_account: "bank" | "fees" | null
  reversed_at: string | null
  reversed_by_transaction_id: string | null
  reversal_reason: string | null
}

export interface BankBooking {
  id: string
  seq: number
  kind: "auto" | "manual" | "return"
  customer_id: string | null
  created_by: string | null
  posted_at: string | null
  reversed_at: string | null
  reversal_reason: string | null
  created_at: string
  allocations?: BankAllocation[]
}

export interface BankTransaction {
  id: string
  bank_account_id: string
  statement_id: string
  entry_reference: string | null
  booking_date: string
  value_date: string | null
  amount: Amount
  direction: "credit" | "debit"
  currency_code: string
  reversal: boolean
  bank_transaction_code: string | null
  end_to_end_id: string | null
  mandate_id: string | null
  creditor_id: string | null
  remittance_text: string
  structured_reference: string | null
  counterparty_name: string | null
  counterparty_iban: string | null
  counterparty_bic: string | null
  return_reason: string | null
  fee_amount: Amount | null
  kind: "payment" | "return" | "other"
  status: BankTransactionStatus
  confidence: number | null
  customer_id: string | null
  suggestions: MatchSuggestion[] | null
  note: string | null
  returns_transaction_id: string | null
  matched_at: string | null
  created_at: string
  bookings?: BankBooking[]
}

export interface MatchingResult {
  auto_booked: number
  review: number
  unmatched: number
  returned: number
  ignored: number
  collections_settled: number
  collections_returned: number
}

export interface StatementImport {
  file_name: string | null
  format: BankStatementFormat
  statements: {
    /** Null when the statement added nothing (then nothing of it is stored). */
    id: string | null
    bank_account_id: string
    transactions_in_file: number
    transactions_added: number
    duplicates_skipped: number
    entries_skipped: number
  }[]
  transactions_added: number
  duplicates_skipped: number
  entries_skipped: number
}

export type BankAccountListResponse = Paginated & { bank_accounts: BankAccount[] }
export type BankAccountResponse = { bank_account: BankAccount }
export type BankStatementListResponse = Paginated & { bank_statements: BankStatement[] }
export type ImportStatementResponse = { import: StatementImport; matching: MatchingResult | null }
export type BankTransactionListResponse = Paginated & { bank_transactions: BankTransaction[] }
export type BankTransactionResponse = { bank_transaction: BankTransaction }
export type MatchResponse = { matching: MatchingResult }
