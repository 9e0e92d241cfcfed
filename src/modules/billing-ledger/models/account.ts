import { model } from "@medusajs/framework/utils"
import Entry from "./entry"

export const ACCOUNT_KINDS = ["customer", "revenue", "vat", "bank", "cash_discount", "write_off", "fees", "manual"] as const

/**
 * A ledger account: one per customer and currency (the customer account, a receivable), and the plugin's
 * own accounts — revenue per tax category and rate, VAT per rate, bank, cash discounts, write-offs, fees —
 * so that a DATEV export can map each to a G/L account later. `code` is the natural key.
 */
const Account = model
  .define("billing_ledger_account", {
    id: model.id({ prefix: "blac" }).primaryKey(),
    code: model.text(),
    kind: model.enum([...ACCOUNT_KINDS]),
    currency_code: model.text(),
    customer_id: model.text().nullable(),
    tax_rate: model.text().nullable(),
    tax_category: model.text().nullable(),
    name: model.text(),
    entries: model.hasMany(() => Entry, { mappedBy: "account" }),
  })
  .indexes([
    { on: ["code"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id"], where: "deleted_at IS NULL AND customer_id IS NOT NULL" },
  ])

export default Account
