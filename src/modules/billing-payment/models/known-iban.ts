import { model } from "@medusajs/framework/utils"

/**
 * An IBAN that has paid for a customer: learned from bookings (automatic or confirmed) and usable as evidence
 * by the next match. A shared account (a holding paying for subsidiaries) has a row per customer.
 */
const KnownIban = model
  .define("billing_bank_known_iban", {
    id: model.id({ prefix: "bkib" }).primaryKey(),
    iban: model.text(),
    customer_id: model.text(),
    source: model.enum(["booking", "manual"]),
    last_transaction_id: model.text().nullable(),
  })
  .indexes([{ name: "IDX_billing_bank_known_iban_unique", on: ["iban", "customer_id"], unique: true, where: "deleted_at IS NULL" }])

export default KnownIban
