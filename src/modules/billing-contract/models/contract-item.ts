import { model } from "@medusajs/framework/utils"
import { isoDateCheck, isoDateCheckNullable } from "../../../utils/iso-date-check"
import Contract from "./contract"

/**
 * An article on a contract. `valid_to` is the last day it is served (inclusive); a pause or an up-/downgrade
 * ends an item and adds (or re-activates) another from a date. `billing_from` anchors the item's periods and
 * keeps anything before it from being billed (re-billing after a cancellation).
 */
const ContractItem = model
  .define("billing_contract_item", {
    id: model.id({ prefix: "bcit" }).primaryKey(),
    article_id: model.text(),
    quantity: model.number().default(1),
    valid_from: model.text(),
    valid_to: model.text().nullable(),
    billing_from: model.text().nullable(),
    custom_unit_price: model.bigNumber().nullable(),
    description: model.text().nullable(),
    contract: model.belongsTo(() => Contract, { mappedBy: "items" }),
  })
  .indexes([{ on: ["article_id"], where: "deleted_at IS NULL" }])
  .checks([
    { name: "billing_contract_item_valid_from_iso", expression: isoDateCheck("valid_from") },
    { name: "billing_contract_item_valid_to_iso", expression: isoDateCheckNullable("valid_to") },
    { name: "billing_contract_item_billing_from_iso", expression: isoDateCheckNullable("billing_from") },
    { name: "billing_contract_item_range", expression: "valid_to IS NULL OR valid_to >= valid_from" },
    { name: "billing_contract_item_quantity_positive", expression: "quantity >= 1" },
    { name: "billing_contract_item_price_non_negative", expression: "custom_unit_price IS NULL OR custom_unit_price >= 0" },
  ])

export default ContractItem
