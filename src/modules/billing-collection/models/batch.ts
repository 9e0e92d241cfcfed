import { model } from "@medusajs/framework/utils"
import { isoDateCheck } from "../../../utils/iso-date-check"
import Collection from "./collection"

export const BATCH_STATUSES = ["generated", "submitted", "cancelled"] as const

/**
 * One pain.008.001.08 file: its message id, creation time as written into the file, the earliest and latest
 * collection date of its payment groups, totals, and the XML stored through Medusa's File module.
 * `generated` → `submitted` once the merchant uploaded it to the bank; a generated batch can be cancelled,
 * which cancels its collections so the invoices can be collected again.
 */
const Batch = model
  .define("billing_sepa_batch", {
    id: model.id({ prefix: "bsba" }).primaryKey(),
    message_id: model.text(),
    creation_date_time: model.text(),
    first_collection_date: model.text(),
    last_collection_date: model.text(),
    local_instrument: model.text().default("CORE"),
    transaction_count: model.number(),
    control_sum: model.bigNumber(),
    currency_code: model.text().default("eur"),
    status: model.enum([...BATCH_STATUSES]).default("generated"),
    file_id: model.text().nullable(),
    file_name: model.text(),
    creditor_id: model.text(),
    submitted_at: model.dateTime().nullable(),
    cancelled_at: model.dateTime().nullable(),
    collections: model.hasMany(() => Collection, { mappedBy: "batch" }),
  })
  .indexes([
    { name: "IDX_billing_sepa_batch_message_id_unique", on: ["message_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status"], where: "deleted_at IS NULL" },
  ])
  .checks([
    { name: "billing_sepa_batch_first_collection_date_iso", expression: isoDateCheck("first_collection_date") },
    { name: "billing_sepa_batch_last_collection_date_iso", expression: isoDateCheck("last_collection_date") },
  ])

export default Batch
