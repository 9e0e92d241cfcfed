import { model } from "@medusajs/framework/utils"
import Invoice from "./invoice"

/** Net and VAT of one tax category and rate of an invoice; VAT is rounded once per group (EN 16931). */
const InvoiceTaxTotal = model.define("billing_invoice_tax_total", {
  id: model.id({ prefix: "bitt" }).primaryKey(),
  category: model.text(),
  rate: model.bigNumber(),
  net: model.bigNumber(),
  tax: model.bigNumber(),
  note: model.text().nullable(),
  invoice: model.belongsTo(() => Invoice, { mappedBy: "tax_totals" }),
})

export default InvoiceTaxTotal
