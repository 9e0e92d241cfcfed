import { model } from "@medusajs/framework/utils"

/**
 * The SEPA creditor (Gläubiger) as set in the admin; it overrides the plugin option `sepa`. One row, keyed
 * "default". The creditor id was checked (checksum) before it was stored.
 */
const CreditorSettings = model
  .define("billing_sepa_creditor", {
    id: model.id({ prefix: "bscr" }).primaryKey(),
    key: model.text().default("default"),
    creditor_id: model.text(),
    creditor_name: model.text(),
    creditor_iban: model.text(),
    creditor_bic: model.text().nullable(),
    street_name: model.text().nullable(),
    building_number: model.text().nullable(),
    postal_code: model.text().nullable(),
    town_name: model.text(),
    country_code: model.text(),
    pre_notification_days: model.number().nullable(),
  })
  .indexes([{ name: "IDX_billing_sepa_creditor_key_unique", on: ["key"], unique: true, where: "deleted_at IS NULL" }])

export default CreditorSettings
