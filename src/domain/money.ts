import { MathBN } from "@medusajs/framework/utils"

type Decimal = ReturnType<typeof MathBN.convert>

const DECIMAL = /^-?\d+(\.\d+)?$/

export function isDecimalString(value: string): boolean {
  return typeof value === "string" && DECIMAL.test(value)
}

/**
 * numerator / divisor rounded to 2 decimals, half away from zero (commercial
 * rounding). Computed exactly as floor((2·|n|·100 + d) / (2·d)) on whole
 * cents, so no intermediate quotient is ever rounded: a plain division would
 * first round to the library's 20 decimal places and then round again.
 */
function roundedQuotient(numerator: Decimal, divisor: number): string {
  if (!Number.isInteger(divisor) || divisor < 1) {
    throw new Error(`Divisor must be a positive integer, got ${divisor}`)
  }
  const doubledCents = MathBN.mult(MathBN.abs(numerator), 200)
  const cents = MathBN.add(doubledCents, divisor).idiv(2 * divisor)
  if (cents.isZero()) {
    return "0.00"
  }
  const amount = MathBN.div(cents, 100)
  return (numerator.isNegative() ? amount.negated() : amount).toFixed(2)
}

/** unit_price × quantity, rounded to cents. */
export function lineAmount(unitPrice: string, quantity: number): string {
  return roundedQuotient(MathBN.mult(unitPrice, quantity), 1)
}

/**
 * Exact-day proration: a part of `serviceDays` days of a period of
 * `periodDays` days costs unit_price × quantity × serviceDays / periodDays,
 * rounded to cents once, at the very end. A whole period (serviceDays ===
 * periodDays) therefore costs exactly unit_price × quantity.
 */
export function proratedAmount(
  unitPrice: string,
  quantity: number,
  serviceDays: number,
  periodDays: number
): string {
  const numerator = MathBN.mult(MathBN.mult(unitPrice, quantity), serviceDays)
  return roundedQuotient(numerator, periodDays)
}

export function negateAmount(amount: string): string {
  const value = MathBN.convert(amount)
  return value.isZero() ? value.toFixed(2) : value.negated().toFixed(2)
}

function decimalOrThrow(value: string, field: string): Decimal {
  if (!isDecimalString(value)) {
    throw new Error(`Invalid ${field} "${value}", expected a decimal string such as "12.34"`)
  }
  return MathBN.convert(value)
}

/** An amount rounded to cents, half away from zero ("2.675" → "2.68", "-0.005" → "-0.01"). */
export function roundToCents(amount: string): string {
  return roundedQuotient(decimalOrThrow(amount, "amount"), 1)
}

/**
 * net × ratePercent / 100 rounded to cents, half away from zero, computed
 * exactly (one rounding only): the VAT of a net amount at a percentage rate.
 */
export function percentageOf(net: string, ratePercent: string): string {
  const numerator = MathBN.mult(decimalOrThrow(net, "amount"), decimalOrThrow(ratePercent, "rate"))
  return roundedQuotient(numerator, 100)
}

/** Exact sum of decimal strings, as a 2-decimal string ("0.00" for none). */
export function sumAmounts(amounts: readonly string[]): string {
  return MathBN.add(0, ...amounts.map((amount) => decimalOrThrow(amount, "amount"))).toFixed(2)
}
