import { MathBN } from "@medusajs/framework/utils"
import { compareDates, isIsoDate } from "../calendar-date"
import { isDecimalString } from "../money"
import { DEFAULT_LEGAL_NOTES, type TaxGroupKind } from "../tax-group-rules"

/**
 * VAT category codes of EN 16931 (UNTDID 5305 subset) used on invoices:
 * S standard rate, Z zero rated, E exempt (incl. §19 UStG small business),
 * AE reverse charge, K intra-community supply of goods, O not subject to VAT.
 */
export type TaxCategory = "S" | "Z" | "E" | "AE" | "K" | "O"

export const TAX_CATEGORIES: readonly TaxCategory[] = ["S", "Z", "E", "AE", "K", "O"]

/** The 27 EU member states (ISO 3166-1 alpha-2), as of 2020-02-01 (after Brexit). */
export const EU_MEMBER_STATES: readonly string[] = [
  "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
  "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
]

export const SMALL_BUSINESS_NOTE = "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."
export const REVERSE_CHARGE_NOTE =
  "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge) – VAT reverse charge"

/**
 * True for an EU member state; case-insensitive, and "EL" (the VAT prefix of
 * Greece) counts as Greece.
 */
export function isEuMemberState(countryCode: string | null | undefined): boolean {
  return countryCode != null && EU_MEMBER_STATES.includes(normalizeCountry(countryCode))
}

function normalizeCountry(countryCode: string): string {
  const upper = countryCode.trim().toUpperCase()
  return upper === "EL" ? "GR" : upper
}

/** A rate in its canonical form: "19.00" → "19", "5.50" → "5.5", 7 → "7". Throws on a non-rate. */
export function normalizeRate(rate: string | number): string {
  const text = typeof rate === "number" ? String(rate) : rate
  if (!isDecimalString(text) || MathBN.lt(text, 0) || MathBN.gt(text, 100)) {
    throw new Error(`Invalid tax rate "${String(rate)}", expected a percentage between 0 and 100`)
  }
  return MathBN.convert(text).toFixed()
}

export interface DatedTaxRate {
  rate: string | number
  valid_from: string
}

/**
 * The rate valid on `date`: the one with the latest `valid_from` on or before
 * it (dates are ISO "YYYY-MM-DD"), in canonical form (see normalizeRate), or
 * null when no rate was valid yet. Throws on an invalid date or when two rates
 * start on the same day (ambiguous).
 */
export function resolveTaxRate(rates: readonly DatedTaxRate[], date: string): string | null {
  let best: DatedTaxRate | null = null
  for (const candidate of rates) {
    if (compareDates(candidate.valid_from, date) > 0) {
      continue
    }
    if (best !== null) {
      const order = compareDates(candidate.valid_from, best.valid_from)
      if (order === 0) {
        throw new Error(`Two tax rates are valid from ${candidate.valid_from}`)
      }
      if (order < 0) {
        continue
      }
    }
    best = candidate
  }
  return best === null ? null : normalizeRate(best.rate)
}

export interface TaxTreatmentInput {
  group: {
    kind: TaxGroupKind
    legal_note: string | null
    rates: readonly DatedTaxRate[]
  }
  /** The date that decides the rate: when the (partial) service was completed — for a billing period its last day. */
  service_date: string
  seller_country: string
  buyer: {
    country_code: string | null
    vat_id: string | null
    is_business: boolean
  }
}

export interface TaxTreatment {
  /** Percentage in canonical form ("19", "7", "0"). */
  rate: string
  category: TaxCategory
  /** Text the invoice must print for this line's tax, or null. */
  note: string | null
}

/**
 * True when an EU business customer with a VAT id in another member state than
 * the seller receives the service: the place of supply moves to the customer
 * (§ 3a Abs. 2 UStG / Art. 44 and 196 of the VAT directive) and the customer
 * owes the VAT.
 */
export function isIntraCommunityReverseCharge(
  sellerCountry: string,
  buyer: TaxTreatmentInput["buyer"]
): boolean {
  if (!buyer.is_business || !buyer.vat_id || buyer.vat_id.trim() === "" || !buyer.country_code) {
    return false
  }
  return (
    isEuMemberState(sellerCountry) &&
    isEuMemberState(buyer.country_code) &&
    normalizeCountry(buyer.country_code) !== normalizeCountry(sellerCountry)
  )
}

function nonEmpty(note: string | null): string | null {
  return note !== null && note.trim() !== "" ? note : null
}

/**
 * Tax rate, EN 16931 category and invoice note of one invoice line.
 *
 * - small_business: E, 0 %, the group's note or the § 19 UStG note;
 * - tax_free: E, 0 %, the group's note (the exemption reason, may be null);
 * - reverse_charge: AE, 0 %, the group's note or the reverse charge note;
 * - standard: AE, 0 % and the reverse charge note for an EU business buyer with a
 *   VAT id in another member state; otherwise the rate valid on the service date —
 *   S, or Z when that rate is 0 % (EN 16931 BR-S-05: S needs a rate above 0).
 *
 * Returns `{ error }` (naming the date) when a standard group has no rate for the service date.
 */
export function taxTreatment(input: TaxTreatmentInput): TaxTreatment | { error: string } {
  const { group, service_date } = input
  if (!isIsoDate(service_date)) {
    return { error: `Invalid service date "${service_date}", expected YYYY-MM-DD` }
  }
  switch (group.kind) {
    case "small_business":
      return { rate: "0", category: "E", note: nonEmpty(group.legal_note) ?? SMALL_BUSINESS_NOTE }
    case "tax_free":
      return { rate: "0", category: "E", note: nonEmpty(group.legal_note) ?? DEFAULT_LEGAL_NOTES.tax_free }
    case "reverse_charge":
      return { rate: "0", category: "AE", note: nonEmpty(group.legal_note) ?? REVERSE_CHARGE_NOTE }
    case "standard": {
      if (isIntraCommunityReverseCharge(input.seller_country, input.buyer)) {
        return { rate: "0", category: "AE", note: REVERSE_CHARGE_NOTE }
      }
      let rate: string | null
      try {
        rate = resolveTaxRate(group.rates, service_date)
      } catch (error) {
        return { error: `Tax rate for ${service_date}: ${(error as Error).message}` }
      }
      if (rate === null) {
        return { error: `No tax rate of the tax group is valid on ${service_date}` }
      }
      return { rate, category: rate === "0" ? "Z" : "S", note: nonEmpty(group.legal_note) }
    }
    default:
      return { error: `Unknown tax group kind "${String((group as { kind: unknown }).kind)}"` }
  }
}
