/**
 * Matching compares and adds amounts many thousand times per statement, so it works on
 * integer cents (exact for up to 2^53 cents); decimal strings are converted exactly, digit
 * by digit, never through a float.
 */

const AMOUNT = /^(\d{1,13})(?:\.(\d+))?$/

/** "119.9" → 11990, "0.05" → 5; throws on a negative, malformed or sub-cent amount. */
export function toCents(amount: string, field = "amount"): number {
  const match = typeof amount === "string" ? AMOUNT.exec(amount.trim()) : null
  const fraction = match?.[2] ?? ""
  if (!match || /[1-9]/.test(fraction.slice(2))) {
    throw new Error(`${field}: invalid amount "${amount}", expected a non-negative decimal string with at most 2 decimals`)
  }
  return Number(match[1]) * 100 + Number(fraction.slice(0, 2).padEnd(2, "0"))
}

/** 11990 → "119.90". */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) {
    throw new Error(`Invalid amount in cents: ${cents}`)
  }
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`
}
