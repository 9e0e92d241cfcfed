import { model } from "@medusajs/framework/utils"
import { isoDateCheck } from "../../../utils/iso-date-check"
import Entry from "./entry"

export const POSTING_KINDS = ["invoice", "cancellation", "payment", "manual", "write_off", "fee", "reversal", "credit_offset"] as const

/**
 * One balanced booking: its entries sum to zero (a deferred constraint trigger checks it at commit).
 * `idempotency_key` makes re-posting the same business event a no-op (e.g. "invoice:binv_…"). Postings and
 * entries are append-only; a wrong booking is reversed by another posting.
 */
const Posting = model
  .define("billing_ledger_posting", {
    id: model.id({ prefix: "blpo" }).primaryKey(),
    idempotency_key: model.text(),
    kind: model.enum([...POSTING_KINDS]),
    booking_date: model.text(),
    currency_code: model.text(),
    customer_id: model.text().nullable(),
    reference_type: model.text().nullable(),
    reference_id: model.text().nullable(),
    description: model.text(),
    reason: model.text().nullable(),
    created_by: model.text().nullable(),
    reverses_posting_id: model.text().nullable(),
    entries: model.hasMany(() => Entry, { mappedBy: "posting" }),
  })
  .indexes([
    { on: ["idempotency_key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id", "booking_date"], where: "deleted_at IS NULL" },
    { on: ["reference_type", "reference_id"], where: "deleted_at IS NULL" },
  ])
  .checks([{ name: "billing_ledger_posting_booking_date_iso", expression: isoDateCheck("booking_date") }])

export default Posting
