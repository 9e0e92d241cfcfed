import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { fieldError, isoDate, stringOrList } from "../common-validators"

export const AdminGetTaxGroupParams = createSelectParams()

export const AdminListTaxGroupsParams = createFindParams({ limit: 20, offset: 0 }).extend({
  q: z.string().optional(),
  id: stringOrList.optional(),
  code: stringOrList.optional(),
  kind: stringOrList.optional(),
})

const rate = z
  .union([z.number(), z.string()])
  .transform((value) => String(value).trim())
  .refine(
    (value) => /^\d{1,3}(\.\d{1,4})?$/.test(value) && Number(value) <= 100,
    fieldError("Expected a VAT rate in percent between 0 and 100, e.g. 19 or 7")
  )

const countryCode = z
  .string()
  .regex(/^[a-zA-Z]{2}$/, fieldError("Expected an ISO 3166 country code such as DE"))
  .transform((v) => v.toLowerCase())

export const AdminCreateTaxRate = z.strictObject({ rate, valid_from: isoDate })

export const AdminCreateTaxGroup = z.strictObject({
  code: z.string().min(1).max(64),
  name: z.string().min(1),
  kind: z.enum(["standard", "small_business", "reverse_charge", "tax_free"]).optional(),
  country_code: countryCode.optional(),
  legal_note: z.string().nullish(),
  rates: z.array(AdminCreateTaxRate).optional(),
})

export const AdminUpdateTaxGroup = z.strictObject({
  name: z.string().min(1).optional(),
  country_code: countryCode.optional(),
  legal_note: z.string().nullish(),
})

export type AdminCreateTaxGroupType = z.infer<typeof AdminCreateTaxGroup>
export type AdminUpdateTaxGroupType = z.infer<typeof AdminUpdateTaxGroup>
export type AdminCreateTaxRateType = z.infer<typeof AdminCreateTaxRate>
