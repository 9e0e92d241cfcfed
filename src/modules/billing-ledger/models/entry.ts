import { model } from "@medusajs/framework/utils"
import Account from "./account"
import Posting from "./posting"

/**
 * One line of a posting: positive amounts debit the account, negative ones credit it. `invoice_id` ties
 * entries on a customer account to the invoice they charge or settle, which is what open items are made of.
 */
const Entry = model
  .define("billing_ledger_entry", {
    id: model.id({ prefix: "blen" }).primaryKey(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    invoice_id: model.text().nullable(),
    posting: model.belongsTo(() => Posting, { mappedBy: "entries" }),
    account: model.belongsTo(() => Account, { mappedBy: "entries" }),
  })
  .indexes([
    { on: ["invoice_id"], where: "deleted_at IS NULL AND invoice_id IS NOT NULL" },
  ])
  .checks([{ name: "billing_ledger_entry_not_zero", expression: "amount <> 0" }])

export default Entry
