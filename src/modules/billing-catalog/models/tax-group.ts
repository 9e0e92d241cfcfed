import { model } from "@medusajs/framework/utils"
import TaxRate from "./tax-rate"
import ArticleGroup from "./article-group"

export const TAX_GROUP_KINDS = ["standard", "small_business", "reverse_charge", "tax_free"] as const

/**
 * Decides the tax of the articles of its article groups. The rates are dated (`tax_rate.valid_from`) so a
 * temporary cut such as Germany's 2020 16 %/5 % is just two more rows.
 */
const TaxGroup = model
  .define("billing_tax_group", {
    id: model.id({ prefix: "btxg" }).primaryKey(),
    code: model.text(),
    name: model.text().searchable(),
    kind: model.enum([...TAX_GROUP_KINDS]).default("standard"),
    country_code: model.text().default("de"),
    legal_note: model.text().nullable(),
    rates: model.hasMany(() => TaxRate, { mappedBy: "tax_group" }),
    article_groups: model.hasMany(() => ArticleGroup, { mappedBy: "tax_group" }),
  })
  .cascades({ delete: ["rates"] })
  .indexes([{ on: ["code"], unique: true, where: "deleted_at IS NULL" }])

export default TaxGroup
