import { compareDates } from "./calendar-date"

export interface PriceVariantInput {
  id: string
  currency_code: string
  amount: string
  valid_from: string
  min_quantity: number
}

export interface PriceQuery {
  currency_code: string
  quantity: number
  date: string
}

function sameCurrency(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/**
 * Each min_quantity tier has its own price history: a variant replaces the
 * tier's previous one from its valid_from on. On a given date the current
 * variant of every tier competes, and the highest tier the quantity reaches
 * wins. A tier that has not started yet does not fall back to a lower tier's
 * future price, it simply does not compete.
 */
export function resolvePrice(
  variants: PriceVariantInput[],
  query: PriceQuery
): PriceVariantInput | null {
  const currentByTier = new Map<number, PriceVariantInput>()
  for (const variant of variants) {
    if (!sameCurrency(variant.currency_code, query.currency_code)) {
      continue
    }
    if (compareDates(variant.valid_from, query.date) > 0 || variant.min_quantity > query.quantity) {
      continue
    }
    const current = currentByTier.get(variant.min_quantity)
    if (!current || compareDates(variant.valid_from, current.valid_from) > 0) {
      currentByTier.set(variant.min_quantity, variant)
    }
  }
  let best: PriceVariantInput | null = null
  for (const variant of currentByTier.values()) {
    if (!best || variant.min_quantity > best.min_quantity) {
      best = variant
    }
  }
  return best
}

/** Sorted distinct valid_from dates of the currency's variants within (from, to]. */
export function priceChangeDates(
  variants: PriceVariantInput[],
  currency_code: string,
  from: string,
  to: string
): string[] {
  const dates = new Set<string>()
  for (const variant of variants) {
    if (
      sameCurrency(variant.currency_code, currency_code) &&
      compareDates(variant.valid_from, from) > 0 &&
      compareDates(variant.valid_from, to) <= 0
    ) {
      dates.add(variant.valid_from)
    }
  }
  return [...dates].sort(compareDates)
}
