import { model } from "@medusajs/framework/utils"
import { isoDateCheck, isoDateCheckNullable } from "../../../utils/iso-date-check"

export const MANDATE_STATUSES = ["active", "revoked"] as const

/**
 * A SEPA direct-debit mandate a customer signed (recurrent, CORE). The debtor's address is stored
 * structured, as pain.008 requires it from November 2026. `first_collection_at` tells the sequence type of
 * the next collection: none yet → FRST, otherwise RCUR. `pending_amendment` holds what changed since the
 * last collection (the original reference or IBAN, or "moved to another bank"): the next collection reports
 * it to the debtor's bank (AmdmntInd) and clears it.
 */
const Mandate = model
  .define("billing_sepa_mandate", {
    id: model.id({ prefix: "bsmd" }).primaryKey(),
    customer_id: model.text(),
    mandate_reference: model.text(),
    signature_date: model.text(),
    debtor_name: model.text(),
    debtor_iban: model.text(),
    debtor_bic: model.text().nullable(),
    street_name: model.text().nullable(),
    building_number: model.text().nullable(),
    postal_code: model.text().nullable(),
    town_name: model.text(),
    country_code: model.text(),
    status: model.enum([...MANDATE_STATUSES]).default("active"),
    revoked_on: model.text().nullable(),
    revocation_reason: model.text().nullable(),
    first_collection_at: model.dateTime().nullable(),
    last_collection_date: model.text().nullable(),
    pending_amendment: model.json().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { name: "IDX_billing_sepa_mandate_reference_unique", on: ["mandate_reference"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id", "status"], where: "deleted_at IS NULL" },
    // One active mandate per customer: a new one is signed after the old one is revoked.
    { name: "IDX_billing_sepa_mandate_one_active", on: ["customer_id"], unique: true, where: "deleted_at IS NULL AND status = 'active'" },
  ])
  .checks([
    { name: "billing_sepa_mandate_signature_date_iso", expression: isoDateCheck("signature_date") },
    { name: "billing_sepa_mandate_revoked_on_iso", expression: isoDateCheckNullable("revoked_on") },
    { name: "billing_sepa_mandate_last_collection_date_iso", expression: isoDateCheckNullable("last_collection_date") },
  ])

export default Mandate
