import type { DueActivity, MissingPrice } from "../../domain/billing-calendar"
import type { InvoicePreview } from "../../domain/invoicing/draft-invoice"
import type { StatementLine } from "../../domain/ledger/postings"

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
export type { InvoicePreview, MissingPrice, StatementLine }

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

export interface ContractError {
  contract_id: string
  contract_number: string
  message: string
}

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
