import { TaxGroupKind } from "../../domain/tax-group-rules"

export type IntervalUnit = "DAY" | "WEEK" | "MONTH" | "YEAR"
export type ArticleKind = "subscription" | "one_time" | "usage"

export interface ProjectInput {
  code: string
  name: string
  description?: string | null
  sales_channel_id?: string | null
  default_currency_code?: string
  contract_number_prefix?: string
  metadata?: Record<string, unknown> | null
}

export interface TaxRateInput {
  rate: number | string
  valid_from: string
}

export interface TaxGroupInput {
  code: string
  name: string
  kind?: TaxGroupKind
  country_code?: string
  legal_note?: string | null
  rates?: TaxRateInput[]
}

export interface ArticleGroupInput {
  code: string
  name: string
  tax_group_id: string
}

export interface PriceVariantInput {
  currency_code: string
  amount: number | string
  valid_from: string
  min_quantity?: number
}

export interface ArticleInput {
  project_id: string
  article_group_id: string
  number: string
  name: string
  description?: string | null
  kind: ArticleKind
  unit?: IntervalUnit | null
  product_variant_id?: string | null
  metadata?: Record<string, unknown> | null
  price_variants?: PriceVariantInput[]
}
