import { model } from "@medusajs/framework/utils"
import Project from "./project"
import ArticleGroup from "./article-group"
import PriceVariant from "./price-variant"

export const ARTICLE_KINDS = ["subscription", "one_time", "usage"] as const
export const INTERVAL_UNITS = ["DAY", "WEEK", "MONTH", "YEAR"] as const

/**
 * Something billed. Subscription articles carry the unit their price is per (one period of the contract's
 * interval unit); one-time and usage articles have none. `product_variant_id` links what gets shipped.
 */
const Article = model
  .define("billing_article", {
    id: model.id({ prefix: "bart" }).primaryKey(),
    number: model.text().searchable(),
    name: model.text().searchable(),
    description: model.text().nullable(),
    kind: model.enum([...ARTICLE_KINDS]),
    unit: model.enum([...INTERVAL_UNITS]).nullable(),
    product_variant_id: model.text().nullable(),
    metadata: model.json().nullable(),
    project: model.belongsTo(() => Project, { mappedBy: "articles" }),
    article_group: model.belongsTo(() => ArticleGroup, { mappedBy: "articles" }),
    price_variants: model.hasMany(() => PriceVariant, { mappedBy: "article" }),
  })
  .cascades({ delete: ["price_variants"] })
  .indexes([{ on: ["project_id", "number"], unique: true, where: "deleted_at IS NULL" }])
  .checks([
    {
      name: "billing_article_unit_by_kind",
      expression: "(kind = 'subscription' AND unit IS NOT NULL) OR (kind <> 'subscription' AND unit IS NULL)",
    },
  ])

export default Article
