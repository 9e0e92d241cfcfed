import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { currencyCode, metadata, stringOrList } from "../common-validators"

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
  metadata,
})

export const AdminUpdateProject = AdminCreateProject.partial()

export type AdminCreateProjectType = z.infer<typeof AdminCreateProject>
export type AdminUpdateProjectType = z.infer<typeof AdminUpdateProject>
