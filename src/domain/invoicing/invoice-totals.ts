import { MathBN } from "@medusajs/framework/utils"
import { isDecimalString, negateAmount, percentageOf, roundToCents, sumAmounts } from "../money"
import { normalizeRate, TAX_CATEGORIES, type TaxCategory } from "./tax"

/** Line nets are whole cents, rounded half away from zero (activities already are). */
export function lineNet(amount: string): string {
  return roundToCents(amount)
}

export interface TotalsLine {
  net_amount: string
  tax_rate: string
  tax_category: string
}

export interface TaxBreakdownEntry {
  category: TaxCategory
  /** Canonical percentage ("19", "7", "0"). */
  rate: string
  net: string
  tax: string
}

export interface InvoiceTotals {
  net_total: string
  tax_total: string
  gross_total: string
  /** One entry per (category, rate), sorted by rate descending, then category. */
  tax_breakdown: TaxBreakdownEntry[]
  /** Customer credit offset against this invoice: 0 ≤ credit_applied ≤ gross_total. */
  credit_applied: string
  /** gross_total − credit_applied. */
  amount_due: string
}

function checkCategoryRate(category: TaxCategory, rate: string, index: number): void {
  // EN 16931 BR-S-05 (S above 0 %), BR-Z-05 / BR-E-05 / BR-AE-05 / BR-IC-05 (0 %), BR-O-05 (no rate, shown as 0).
  if (category === "S" ? rate === "0" : rate !== "0") {
    throw new Error(
      `lines[${index}]: tax category ${category} cannot have a rate of ${rate} %` +
        (category === "S" ? " (use Z for zero-rated lines)" : " (only S charges VAT)")
    )
  }
}

/**
 * Invoice totals the EN 16931 way: lines are grouped by (category, rate), the VAT of
 * each group is rounded once on the group's summed net (BR-CO-17: round(net × rate / 100, 2),
 * half away from zero), and the totals are sums of the groups.
 *
 * A customer credit (`credit_available`, a positive amount) is offset against a positive
 * gross total up to that total; negative or zero invoices (cancellations) apply no credit.
 */
export function computeInvoiceTotals(
  lines: readonly TotalsLine[],
  credit_available = "0.00"
): InvoiceTotals {
  const groups = new Map<string, { category: TaxCategory; rate: string; nets: string[] }>()
  lines.forEach((line, index) => {
    if (!isDecimalString(line.net_amount)) {
      throw new Error(`lines[${index}].net_amount: invalid amount "${line.net_amount}"`)
    }
    if (!(TAX_CATEGORIES as readonly string[]).includes(line.tax_category)) {
      throw new Error(`lines[${index}].tax_category: unknown VAT category "${line.tax_category}"`)
    }
    const category = line.tax_category as TaxCategory
    const rate = normalizeRate(line.tax_rate)
    checkCategoryRate(category, rate, index)
    const key = `${category}|${rate}`
    const group = groups.get(key) ?? { category, rate, nets: [] }
    group.nets.push(lineNet(line.net_amount))
    groups.set(key, group)
  })

  const tax_breakdown: TaxBreakdownEntry[] = [...groups.values()]
    .map(({ category, rate, nets }) => {
      const net = sumAmounts(nets)
      return { category, rate, net, tax: percentageOf(net, rate) }
    })
    .sort((a, b) => {
      const byRate = MathBN.convert(b.rate).comparedTo(MathBN.convert(a.rate)) ?? 0
      return byRate !== 0 ? byRate : a.category < b.category ? -1 : a.category > b.category ? 1 : 0
    })

  const net_total = sumAmounts(tax_breakdown.map((entry) => entry.net))
  const tax_total = sumAmounts(tax_breakdown.map((entry) => entry.tax))
  const gross_total = sumAmounts([net_total, tax_total])

  if (!isDecimalString(credit_available)) {
    throw new Error(`credit_available: invalid amount "${credit_available}"`)
  }
  const credit_applied =
    MathBN.gt(gross_total, 0) && MathBN.gt(credit_available, 0)
      ? roundToCents(MathBN.min(credit_available, gross_total).toFixed())
      : "0.00"
  const amount_due = MathBN.sub(gross_total, credit_applied).toFixed(2)

  return { net_total, tax_total, gross_total, tax_breakdown, credit_applied, amount_due }
}

function negateQuantity<Q>(quantity: Q): Q {
  if (typeof quantity === "number") {
    return (quantity === 0 ? 0 : -quantity) as Q
  }
  if (typeof quantity === "string" && isDecimalString(quantity)) {
    const decimals = quantity.includes(".") ? quantity.length - quantity.indexOf(".") - 1 : 0
    const value = MathBN.convert(quantity)
    return (value.isZero() ? value : value.negated()).toFixed(decimals) as Q
  }
  return quantity
}

/**
 * The lines of a cancellation document: copies of the original lines with the net and
 * the quantity negated and everything else (unit price, tax, descriptions, periods) kept.
 * Its totals are then exactly the negated totals of the original (rounding is symmetric).
 */
export function negateLines<T extends { net_amount: string; quantity?: number | string | null }>(
  lines: readonly T[]
): T[] {
  return lines.map((line) => {
    const copy: T = { ...line, net_amount: negateDecimal(line.net_amount) }
    if ("quantity" in line) {
      copy.quantity = negateQuantity(line.quantity)
    }
    return copy
  })
}

function negateDecimal(amount: string): string {
  if (!isDecimalString(amount)) {
    throw new Error(`Invalid amount "${amount}"`)
  }
  return negateAmount(amount)
}
