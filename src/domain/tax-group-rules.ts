export type TaxGroupKind = "standard" | "small_business" | "reverse_charge" | "tax_free"

export interface TaxRateInput {
  rate: string | number
  valid_from: string
}

/** The notes German invoices must carry when no VAT is charged (§19 UStG, §13b UStG). */
export const DEFAULT_LEGAL_NOTES: Record<TaxGroupKind, string | null> = {
  standard: null,
  small_business: "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.",
  reverse_charge: "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge).",
  tax_free: null,
}

/**
 * A standard group needs at least one rate; the groups that charge no VAT may only have 0 % rates.
 * Returns the first problem as a message naming the field, or null.
 */
export function taxGroupRatesProblem(kind: TaxGroupKind, rates: TaxRateInput[], requireRate: boolean): string | null {
  if (kind === "standard" && requireRate && rates.length === 0) {
    return "rates: a standard tax group needs at least one rate"
  }
  const seen = new Set<string>()
  for (const [index, rate] of rates.entries()) {
    if (kind !== "standard" && Number(rate.rate) !== 0) {
      return `rates[${index}].rate: a ${kind.replace("_", " ")} tax group charges no VAT, so its rate must be 0`
    }
    if (seen.has(rate.valid_from)) {
      return `rates[${index}].valid_from: two rates valid from ${rate.valid_from}`
    }
    seen.add(rate.valid_from)
  }
  return null
}
