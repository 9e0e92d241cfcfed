import { model } from "@medusajs/framework/utils"

/**
 * GoBD trail of invoice numbers: every number handed out is logged as used, or — when the document it was
 * meant for could not be issued — as unused with the reason, so gaps in the sequence are explained.
 */
const InvoiceNumberLog = model
  .define("billing_invoice_number_log", {
    id: model.id({ prefix: "binlg" }).primaryKey(),
    project_id: model.text(),
    number: model.text(),
    invoice_id: model.text().nullable(),
    event: model.enum(["used", "unused"]),
    reason: model.text().nullable(),
  })
  .indexes([{ on: ["project_id", "number"], unique: true, where: "deleted_at IS NULL" }])

export default InvoiceNumberLog
