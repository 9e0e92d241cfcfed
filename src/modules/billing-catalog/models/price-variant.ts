import { model } from "@medusajs/framework/utils"
import { isoDateCheck } from "../../../utils/iso-date-check"
import Article from "./article"

/**
 * A net price of an article in one currency from `valid_from` on, for quantities from `min_quantity` on
 * (tier prices). A later variant with the same currency and minimum quantity supersedes it.
 */
const PriceVariant = model
  .define("billing_price_variant", {
    id: model.id({ prefix: "bprv" }).primaryKey(),
    currency_code: model.text(),
    amount: model.bigNumber(),
    valid_from: model.text(),
    min_quantity: model.number().default(1),
    article: model.belongsTo(() => Article, { mappedBy: "price_variants" }),
  })
  .indexes([
    {
      on: ["article_id", "currency_code", "valid_from", "min_quantity"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])
  .checks([
    { name: "billing_price_variant_valid_from_iso", expression: isoDateCheck("valid_from") },
    { name: "billing_price_variant_amount_non_negative", expression: "amount >= 0" },
    { name: "billing_price_variant_min_quantity_positive", expression: "min_quantity >= 1" },
  ])

export default PriceVariant
