import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { currencyCode, metadata, stringOrList } from "../common-validators"
import { validateNumberFormat } from "../../../../domain/invoicing/invoice-number"

/** Number formats are checked with the same rules the numbering uses; the message names the field. */
const numberFormat = (field: string) =>
  z.string().superRefine((value, ctx) => {
    const problem = validateNumberFormat(value)
    if (problem) {
      ctx.addIssue({ code: "custom", message: `${field}: ${problem.replace(/^[a-z_]+: /, "")}` })
    }
  })

export const AdminGetProjectParams = createSelectParams()

export const AdminListProjectsParams = createFindParams({ limit: 20, offset: 0 }).extend({
  q: z.string().optional(),
  id: stringOrList.optional(),
  code: stringOrList.optional(),
  sales_channel_id: stringOrList.optional(),
})

export const AdminCreateProject = z.strictObject({
  code: z.string().min(1).max(64),
  name: z.string().min(1),
  description: z.string().nullish(),
  sales_channel_id: z.string().nullish(),
  default_currency_code: currencyCode.optional(),
  contract_number_prefix: z.string().max(16).optional(),
  invoice_number_format: numberFormat("invoice_number_format").optional(),
  cancellation_number_format: numberFormat("cancellation_number_format").optional(),
  payment_term_days: z.number().int().min(0).max(365).optional(),
  metadata,
})

export const AdminUpdateProject = AdminCreateProject.partial()

export type AdminCreateProjectType = z.infer<typeof AdminCreateProject>
export type AdminUpdateProjectType = z.infer<typeof AdminUpdateProject>
