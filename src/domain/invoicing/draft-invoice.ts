import { compareDates } from "../calendar-date"
import { computeInvoiceTotals, InvoiceTotals } from "./invoice-totals"
import { DatedTaxRate, taxTreatment, TaxCategory } from "./tax"

export interface BillableActivity {
  id: string
  article_id: string
  article_number: string | null
  article_name: string
  service_from: string
  service_to: string
  quantity: string
  unit_price: string
  amount: string
  kind: "charge" | "credit"
}

export interface TaxGroupInfo {
  kind: "standard" | "small_business" | "reverse_charge" | "tax_free"
  legal_note: string | null
  rates: readonly DatedTaxRate[]
}

export interface InvoiceDraftLine {
  position: number
  activity_id: string
  article_id: string
  article_number: string | null
  description: string
  service_from: string
  service_to: string
  quantity: string
  unit_price: string
  net_amount: string
  tax_rate: string
  tax_category: TaxCategory
}

export interface InvoiceDraft {
  lines: InvoiceDraftLine[]
  totals: InvoiceTotals
  notes: string[]
  service_from: string
  service_to: string
}

/**
 * One contract's unbilled activities as an invoice: lines in service order, each taxed by its article's tax
 * group with the rate valid on the day the service was completed (the period's last day — for continuing
 * services German VAT follows the completion of each partial service, which is also how the 2020 rate cut
 * applied), VAT per rate on the totals, the customer's credit offset, and the legal notes the taxes need.
 */
export function buildInvoiceDraft(input: {
  activities: BillableActivity[]
  taxGroupOf: (articleId: string) => TaxGroupInfo | null
  seller_country: string
  buyer: { country_code: string | null; vat_id: string | null; is_business: boolean }
  credit_available: string
}): InvoiceDraft | { error: string } {
  if (!input.activities.length) {
    return { error: "no activities to bill" }
  }
  const sorted = [...input.activities].sort(
    (a, b) => compareDates(a.service_from, b.service_from) || a.article_name.localeCompare(b.article_name) || a.id.localeCompare(b.id)
  )
  const notes = new Set<string>()
  const lines: InvoiceDraftLine[] = []
  for (const activity of sorted) {
    const group = input.taxGroupOf(activity.article_id)
    if (!group) {
      return { error: `article "${activity.article_name}" (${activity.article_id}) has no tax group` }
    }
    const treatment = taxTreatment({
      group,
      service_date: activity.service_to,
      seller_country: input.seller_country,
      buyer: input.buyer,
    })
    if ("error" in treatment) {
      return { error: `article "${activity.article_name}" (${activity.article_id}): ${treatment.error}` }
    }
    if (treatment.note) {
      notes.add(treatment.note)
    }
    lines.push({
      position: lines.length + 1,
      activity_id: activity.id,
      article_id: activity.article_id,
      article_number: activity.article_number,
      description: activity.kind === "credit" ? `${activity.article_name} (Gutschrift/credit)` : activity.article_name,
      service_from: activity.service_from,
      service_to: activity.service_to,
      quantity: activity.quantity,
      unit_price: activity.unit_price,
      net_amount: activity.amount,
      tax_rate: treatment.rate,
      tax_category: treatment.category,
    })
  }
  const totals = computeInvoiceTotals(lines, input.credit_available)
  return {
    lines,
    totals,
    notes: [...notes],
    service_from: sorted.reduce((min, a) => (compareDates(a.service_from, min) < 0 ? a.service_from : min), sorted[0].service_from),
    service_to: sorted.reduce((max, a) => (compareDates(a.service_to, max) > 0 ? a.service_to : max), sorted[0].service_to),
  }
}

/** What a dry run shows for one contract: the invoice it would issue, with no number taken. */
export interface InvoicePreview {
  contract_id: string
  contract_number: string
  customer_id: string
  currency_code: string
  net_total: string
  tax_total: string
  gross_total: string
  credit_applied: string
  amount_due: string
  lines: { description: string; service_from: string; service_to: string; quantity: string; unit_price: string; net_amount: string; tax_rate: string }[]
}
