import { model } from "@medusajs/framework/utils"

/**
 * One of the merchant's own bank accounts. Statements are imported only for registered accounts: an entry of
 * an unknown account is refused, so payments to a private or foreign account never reach the ledger.
 */
const BankAccount = model
  .define("billing_bank_account", {
    id: model.id({ prefix: "bbac" }).primaryKey(),
    /** Electronic format: no spaces, upper case. */
    iban: model.text(),
    bic: model.text().nullable(),
    name: model.text(),
    currency_code: model.text(),
  })
  .indexes([{ name: "IDX_billing_bank_account_iban_unique", on: ["iban"], unique: true, where: "deleted_at IS NULL" }])

export default BankAccount
