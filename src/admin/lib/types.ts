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

export interface PreviewActivity {
  contract_item_id: string
  article_id: string
  origin: "SUBSCRIPTION" | "ONE_TIME"
  kind: "charge" | "credit"
  period_start: string
  period_end: string
  service_from: string
  service_to: string
  due_date: string
  quantity: number
  unit_price: string
  amount: string
  price_variant_id: string | null
}

export interface MissingPrice {
  article_id: string
  article_name: string
  currency_code: string
  quantity: number
  date: string
  message: string
}

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
