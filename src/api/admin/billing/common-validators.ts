import { z } from "@medusajs/framework/zod"
import { isIsoDate } from "../../../domain/calendar-date"
import { isDecimalString } from "../../../domain/money"

export const isoDate = z
  .string()
  .refine((value) => isIsoDate(value), { message: "Expected a calendar date YYYY-MM-DD" })

/** Amounts travel as decimal strings or numbers and are stored exactly; at most 4 decimals, never negative. */
export const moneyAmount = z
  .union([z.string(), z.number()])
  .transform((value) => (typeof value === "number" ? String(value) : value.trim()))
  .refine((value) => isDecimalString(value) && !value.startsWith("-"), {
    message: "Expected a non-negative decimal amount such as 19.90",
  })
  .refine((value) => !/\.\d{5,}$/.test(value), { message: "At most 4 decimals" })

export const currencyCode = z
  .string()
  .regex(/^[a-zA-Z]{3}$/, "Expected an ISO 4217 currency code such as EUR")
  .transform((value) => value.toLowerCase())

export const intervalUnit = z.enum(["DAY", "WEEK", "MONTH", "YEAR"])

export const term = z.strictObject({
  count: z.number().int().min(1),
  unit: intervalUnit,
})

export const metadata = z.record(z.string(), z.unknown()).nullish()

export const stringOrList = z.union([z.string(), z.array(z.string())])
