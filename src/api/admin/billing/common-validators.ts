import { z } from "@medusajs/framework/zod"
import { isIsoDate } from "../../../domain/calendar-date"
import { isDecimalString } from "../../../domain/money"

/**
 * Medusa's request validation reports a custom or format issue by its message alone, so these messages name
 * the field themselves (`items[0].valid_from: …`), like the workflows' errors do.
 */
export function fieldError(message: string) {
  return {
    error: (issue: { path?: PropertyKey[] }) => {
      const field = (issue.path ?? [])
        .map((key, index) => (typeof key === "number" ? `[${key}]` : `${index ? "." : ""}${String(key)}`))
        .join("")
      return field ? `${field}: ${message}` : message
    },
  }
}

export const isoDate = z
  .string()
  .refine((value) => isIsoDate(value), fieldError("Expected a calendar date YYYY-MM-DD"))

/** Amounts travel as decimal strings or numbers and are stored exactly; at most 4 decimals, never negative. */
export const moneyAmount = z
  .union([z.string(), z.number()])
  .transform((value) => (typeof value === "number" ? String(value) : value.trim()))
  .refine((value) => isDecimalString(value) && !value.startsWith("-"), fieldError("Expected a non-negative decimal amount such as 19.90"))
  .refine((value) => !/\.\d{5,}$/.test(value), fieldError("At most 4 decimals"))

export const currencyCode = z
  .string()
  .regex(/^[a-zA-Z]{3}$/, fieldError("Expected an ISO 4217 currency code such as EUR"))
  .transform((value) => value.toLowerCase())

export const intervalUnit = z.enum(["DAY", "WEEK", "MONTH", "YEAR"])

export const term = z.strictObject({
  count: z.number().int().min(1),
  unit: intervalUnit,
})

export const metadata = z.record(z.string(), z.unknown()).nullish()

export const stringOrList = z.union([z.string(), z.array(z.string())])
