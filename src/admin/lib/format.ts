import type {
  Amount,
  BankTransactionStatus,
  BillingRunStatus,
  CardChargeStatus,
  Contract,
  Invoice,
  ContractStatus,
  DunningSkipReason,
  IntervalUnit,
  InvoiceKind,
  InvoiceStatus,
  MailStatus,
  MandateStatus,
  SepaAddress,
  SepaBatchStatus,
  SepaCollectionStatus,
} from "./types"

const UNIT_ADVERB: Record<IntervalUnit, string> = { DAY: "Daily", WEEK: "Weekly", MONTH: "Monthly", YEAR: "Yearly" }

/** Calendar dates travel as YYYY-MM-DD and are shown as such: no time zone may shift them. */
export const formatDate = (date: string | null | undefined) => date || "–"

export const formatInterval = (count: number, unit: IntervalUnit) =>
  count === 1 ? UNIT_ADVERB[unit] : `Every ${count} ${unit.toLowerCase()}s`

export const formatTerm = (count: number | null, unit: IntervalUnit | null) =>
  count && unit ? `${count} ${unit.toLowerCase()}${count === 1 ? "" : "s"}` : "–"

/** Up to 4 decimals, as prices are stored; falls back to the raw value with its code for unknown currencies. */
export function formatAmount(amount: Amount | null | undefined, currencyCode: string) {
  if (amount === null || amount === undefined || amount === "") {
    return "–"
  }
  const code = currencyCode.toUpperCase()
  try {
    return new Intl.NumberFormat(undefined, {
      style: "currency",
      currency: code,
      minimumFractionDigits: 2,
      maximumFractionDigits: 4,
    }).format(Number(amount))
  } catch {
    return `${amount} ${code}`
  }
}

export const customerLabel = (customer: Contract["customer"]) =>
  customer?.email || [customer?.first_name, customer?.last_name].filter(Boolean).join(" ") || customer?.id || "–"

export function todayIso() {
  const now = new Date()
  const pad = (value: number) => String(value).padStart(2, "0")
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

export const isIsoDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value)

export const CONTRACT_STATUSES: ContractStatus[] = ["draft", "active", "cancelled", "ended"]

export const STATUS_COLOR: Record<ContractStatus, "grey" | "green" | "orange" | "red"> = {
  draft: "grey",
  active: "green",
  cancelled: "orange",
  ended: "red",
}

export const PAYMENT_METHOD_LABEL: Record<string, string> = { invoice: "Invoice", sepa_debit: "SEPA direct debit", card: "Card" }

export const capitalize = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, " ")

type BadgeColor = "grey" | "green" | "orange" | "red" | "blue" | "purple"

export const INVOICE_STATUSES: InvoiceStatus[] = ["draft", "issued", "cancelled"]
export const INVOICE_KINDS: InvoiceKind[] = ["invoice", "cancellation"]
export const INVOICE_STATUS_COLOR: Record<InvoiceStatus, BadgeColor> = { draft: "grey", issued: "green", cancelled: "red" }

export const RUN_STATUSES: BillingRunStatus[] = ["running", "completed", "failed"]
export const RUN_STATUS_COLOR: Record<BillingRunStatus, BadgeColor> = { running: "blue", completed: "green", failed: "red" }

export const MAIL_STATUSES: MailStatus[] = ["pending", "sent", "failed"]
export const MAIL_STATUS_COLOR: Record<MailStatus, BadgeColor> = { pending: "orange", sent: "green", failed: "red" }

/** Timestamps (not calendar dates) are shown in the admin's local time. */
export function formatDateTime(value: string | null | undefined) {
  if (!value) {
    return "–"
  }
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
}

/** Tax rates are stored as percentages ("19", "7.0000"). */
export const formatRate = (rate: Amount | null | undefined) =>
  rate === null || rate === undefined || rate === "" ? "–" : `${Number(rate).toLocaleString(undefined, { maximumFractionDigits: 2 })} %`

export const formatQuantity = (quantity: Amount) => Number(quantity).toLocaleString(undefined, { maximumFractionDigits: 4 })

export const invoiceLabel = (invoice: { number: string | null; id: string }) => invoice.number ?? `Draft ${invoice.id.slice(-8)}`

/** The buyer printed on the invoice (company first), else the customer id. */
export const buyerLabel = (invoice: Pick<Invoice, "buyer" | "customer_id">) =>
  [invoice.buyer?.company, invoice.buyer?.name].filter(Boolean).join(" · ") || invoice.customer_id

export const DUNNING_SKIP_REASON_LABEL: Record<DunningSkipReason, string> = {
  cancelled: "Invoice cancelled",
  below_min_open_amount: "Open amount below the minimum",
  pending_direct_debit: "SEPA direct debit pending",
  customer_has_credit: "Customer's credit covers the open items",
}

export const MANDATE_STATUSES: MandateStatus[] = ["active", "revoked"]
export const MANDATE_STATUS_COLOR: Record<MandateStatus, BadgeColor> = { active: "green", revoked: "red" }

export const SEPA_BATCH_STATUSES: SepaBatchStatus[] = ["generated", "submitted", "cancelled"]
export const SEPA_BATCH_STATUS_COLOR: Record<SepaBatchStatus, BadgeColor> = { generated: "blue", submitted: "green", cancelled: "grey" }

export const SEPA_COLLECTION_STATUSES: SepaCollectionStatus[] = ["pending", "settled", "returned", "cancelled"]
export const SEPA_COLLECTION_STATUS_COLOR: Record<SepaCollectionStatus, BadgeColor> = {
  pending: "orange",
  settled: "green",
  returned: "red",
  cancelled: "grey",
}

export const CARD_CHARGE_STATUS_COLOR: Record<CardChargeStatus, BadgeColor> = { processing: "blue", succeeded: "green", failed: "red" }

/** IBANs in groups of four, as printed on paper ("DE89 3704 0044 …"). */
export const formatIban = (iban: string | null | undefined) => (iban ? iban.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ") : "–")

/** A structured SEPA address on one line: "Musterstraße 1, 10115 Berlin, DE". */
export const formatSepaAddress = (address: Partial<SepaAddress> | null | undefined) =>
  [
    [address?.street_name, address?.building_number].filter(Boolean).join(" "),
    [address?.postal_code, address?.town_name].filter(Boolean).join(" "),
    address?.country_code,
  ]
    .filter(Boolean)
    .join(", ") || "–"

/** "1 invoice", "3 invoices". */
export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`

export const BANK_TRANSACTION_STATUSES: BankTransactionStatus[] = ["review", "unmatched", "new", "booked", "ignored", "returned"]
export const BANK_TRANSACTION_STATUS_COLOR: Record<BankTransactionStatus, BadgeColor> = {
  new: "blue",
  review: "orange",
  unmatched: "red",
  booked: "green",
  ignored: "grey",
  returned: "purple",
}

/** A matching confidence (0..1) as a percentage. */
export const formatConfidence = (confidence: number | null | undefined) =>
  confidence === null || confidence === undefined ? "–" : `${Math.round(confidence * 100)} %`

/** Sum of decimal amounts in cents, so totals of 2-decimal money are exact. */
export const sumCents = (amounts: readonly (Amount | null | undefined)[]) =>
  amounts.reduce<number>((sum, amount) => sum + Math.round(Number(amount || 0) * 100), 0)
