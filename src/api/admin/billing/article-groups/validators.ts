import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { stringOrList } from "../common-validators"

export const AdminGetArticleGroupParams = createSelectParams()

export const AdminListArticleGroupsParams = createFindParams({ limit: 20, offset: 0 }).extend({
  q: z.string().optional(),
  id: stringOrList.optional(),
  code: stringOrList.optional(),
  tax_group_id: stringOrList.optional(),
})

export const AdminCreateArticleGroup = z.strictObject({
  code: z.string().min(1).max(64),
  name: z.string().min(1),
  tax_group_id: z.string().min(1),
})

export const AdminUpdateArticleGroup = AdminCreateArticleGroup.partial()

export type AdminCreateArticleGroupType = z.infer<typeof AdminCreateArticleGroup>
export type AdminUpdateArticleGroupType = z.infer<typeof AdminUpdateArticleGroup>
