import { model } from "@medusajs/framework/utils"
import { isoDateCheck } from "../../../utils/iso-date-check"
import Batch from "./batch"

export const COLLECTION_STATUSES = ["pending", "settled", "returned", "cancelled"] as const
export const COLLECTION_SEQUENCE_TYPES = ["FRST", "RCUR", "FNAL", "OOFF"] as const

/**
 * One direct debit of one invoice in a batch. A pending collection is the invoice's "collection pending"
 * mark (issued invoices are immutable); the partial unique index keeps an invoice in at most one pending
 * collection, whoever writes. `end_to_end_id` comes back in bank statements and returns: the matching key.
 */
const Collection = model
  .define("billing_sepa_collection", {
    id: model.id({ prefix: "bsco" }).primaryKey(),
    invoice_id: model.text(),
    invoice_number: model.text().nullable(),
    customer_id: model.text(),
    contract_id: model.text(),
    mandate_id: model.text(),
    mandate_reference: model.text(),
    end_to_end_id: model.text(),
    payment_information_id: model.text(),
    sequence_type: model.enum([...COLLECTION_SEQUENCE_TYPES]),
    collection_date: model.text(),
    /** The mandate amendment this collection reported (AmdmntInd), to report again if its batch is cancelled. */
    amendment: model.json().nullable(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    status: model.enum([...COLLECTION_STATUSES]).default("pending"),
    bank_transaction_id: model.text().nullable(),
    return_reason: model.text().nullable(),
    settled_at: model.dateTime().nullable(),
    returned_at: model.dateTime().nullable(),
    cancelled_at: model.dateTime().nullable(),
    batch: model.belongsTo(() => Batch, { mappedBy: "collections" }),
  })
  .indexes([
    { name: "IDX_billing_sepa_collection_one_pending", on: ["invoice_id"], unique: true, where: "deleted_at IS NULL AND status = 'pending'" },
    { name: "IDX_billing_sepa_collection_end_to_end_unique", on: ["end_to_end_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["invoice_id"], where: "deleted_at IS NULL" },
    { on: ["customer_id", "status"], where: "deleted_at IS NULL" },
    { on: ["status"], where: "deleted_at IS NULL" },
  ])
  .checks([{ name: "billing_sepa_collection_collection_date_iso", expression: isoDateCheck("collection_date") }])

export default Collection
