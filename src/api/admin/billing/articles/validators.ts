import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { currencyCode, intervalUnit, isoDate, metadata, moneyAmount, stringOrList } from "../common-validators"

export const AdminGetArticleParams = createSelectParams()

export const AdminListArticlesParams = createFindParams({ limit: 20, offset: 0 }).extend({
  q: z.string().optional(),
  id: stringOrList.optional(),
  number: stringOrList.optional(),
  project_id: stringOrList.optional(),
  article_group_id: stringOrList.optional(),
  kind: stringOrList.optional(),
})

export const AdminPriceVariant = z.strictObject({
  currency_code: currencyCode,
  amount: moneyAmount,
  valid_from: isoDate,
  min_quantity: z.number().int().min(1).optional(),
})

export const AdminCreateArticle = z.strictObject({
  project_id: z.string().min(1),
  article_group_id: z.string().min(1),
  number: z.string().min(1).max(64),
  name: z.string().min(1),
  description: z.string().nullish(),
  kind: z.enum(["subscription", "one_time", "usage"]),
  unit: intervalUnit.nullish(),
  product_variant_id: z.string().nullish(),
  metadata,
  price_variants: z.array(AdminPriceVariant).optional(),
})

/** Kind, unit and project define how existing contracts bill the article, so they are fixed once created. */
export const AdminUpdateArticle = z.strictObject({
  article_group_id: z.string().min(1).optional(),
  number: z.string().min(1).max(64).optional(),
  name: z.string().min(1).optional(),
  description: z.string().nullish(),
  product_variant_id: z.string().nullish(),
  metadata,
})

export const AdminAddPriceVariants = z.strictObject({
  price_variants: z.array(AdminPriceVariant).min(1),
})

export const AdminUpdatePriceVariant = z.strictObject({ amount: moneyAmount })

export type AdminCreateArticleType = z.infer<typeof AdminCreateArticle>
export type AdminUpdateArticleType = z.infer<typeof AdminUpdateArticle>
export type AdminAddPriceVariantsType = z.infer<typeof AdminAddPriceVariants>
export type AdminUpdatePriceVariantType = z.infer<typeof AdminUpdatePriceVariant>
