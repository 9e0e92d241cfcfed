import { model } from "@medusajs/framework/utils"
import { isoDateCheck } from "../../../utils/iso-date-check"
import TaxGroup from "./tax-group"

/** A VAT rate in percent, valid from a day until the next rate of the same group takes over. */
const TaxRate = model
  .define("billing_tax_rate", {
    id: model.id({ prefix: "btxr" }).primaryKey(),
    rate: model.bigNumber(),
    valid_from: model.text(),
    tax_group: model.belongsTo(() => TaxGroup, { mappedBy: "rates" }),
  })
  .indexes([{ on: ["tax_group_id", "valid_from"], unique: true, where: "deleted_at IS NULL" }])
  .checks([
    { name: "billing_tax_rate_valid_from_iso", expression: isoDateCheck("valid_from") },
    { name: "billing_tax_rate_range", expression: "rate >= 0 AND rate <= 100" },
  ])

export default TaxRate
