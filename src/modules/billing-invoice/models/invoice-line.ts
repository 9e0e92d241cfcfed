import { model } from "@medusajs/framework/utils"
import Invoice from "./invoice"

/**
 * One line of an invoice: an activity, or (on a cancellation) the negation of an original line.
 * An activity is billed at most once: the partial unique index on `activity_id` ignores cancellation lines,
 * and activities released for re-billing are replaced by new ones, so the key never has to be lifted.
 */
const InvoiceLine = model
  .define("billing_invoice_line", {
    id: model.id({ prefix: "binl" }).primaryKey(),
    position: model.number(),
    activity_id: model.text().nullable(),
    negates_line_id: model.text().nullable(),
    article_id: model.text().nullable(),
    article_number: model.text().nullable(),
    description: model.text(),
    service_from: model.text(),
    service_to: model.text(),
    quantity: model.bigNumber(),
    unit_price: model.bigNumber(),
    net_amount: model.bigNumber(),
    tax_rate: model.bigNumber(),
    tax_category: model.text(),
    invoice: model.belongsTo(() => Invoice, { mappedBy: "lines" }),
  })
  .indexes([
    {
      name: "IDX_billing_invoice_line_activity_billed_once",
      on: ["activity_id"],
      unique: true,
      where: "deleted_at IS NULL AND activity_id IS NOT NULL AND negates_line_id IS NULL",
    },
  ])

export default InvoiceLine
