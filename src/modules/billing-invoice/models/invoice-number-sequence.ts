import { model } from "@medusajs/framework/utils"

/**
 * The last number used per number series — the format string itself — and scope (a year or month when the
 * format has one). Keying by format, not by project, means two projects that share a format share one
 * gap-free sequence instead of issuing the same numbers twice.
 */
const InvoiceNumberSequence = model
  .define("billing_invoice_number_sequence", {
    id: model.id({ prefix: "bins" }).primaryKey(),
    series: model.text(),
    scope: model.text(),
    last_value: model.number().default(0),
  })
  .indexes([{ on: ["series", "scope"], unique: true, where: "deleted_at IS NULL" }])

export default InvoiceNumberSequence
