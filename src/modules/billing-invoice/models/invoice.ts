import { model } from "@medusajs/framework/utils"
import { isoDateCheck, isoDateCheckNullable } from "../../../utils/iso-date-check"
import InvoiceLine from "./invoice-line"
import InvoiceTaxTotal from "./invoice-tax-total"

export const INVOICE_KINDS = ["invoice", "cancellation"] as const
export const INVOICE_STATUSES = ["draft", "issued", "cancelled"] as const

/**
 * An invoice or a cancellation document of one contract in one currency. Drafts exist only inside a billing
 * run; issuing allocates the number and freezes the document. Once issued, a database trigger (see the
 * module's migrations) refuses every change except marking it cancelled and attaching its PDF — corrections
 * are cancellation documents, never edits (GoBD).
 */
const Invoice = model
  .define("billing_invoice", {
    id: model.id({ prefix: "binv" }).primaryKey(),
    kind: model.enum([...INVOICE_KINDS]).default("invoice"),
    status: model.enum([...INVOICE_STATUSES]).default("draft"),
    number: model.text().nullable(),
    project_id: model.text(),
    contract_id: model.text(),
    contract_number: model.text().nullable(),
    customer_id: model.text(),
    cancels_invoice_id: model.text().nullable(),
    cancelled_by_invoice_id: model.text().nullable(),
    billing_run_id: model.text().nullable(),
    currency_code: model.text(),
    locale: model.text().default("de"),
    issue_date: model.text().nullable(),
    due_date: model.text().nullable(),
    service_from: model.text(),
    service_to: model.text(),
    net_total: model.bigNumber(),
    tax_total: model.bigNumber(),
    gross_total: model.bigNumber(),
    credit_applied: model.bigNumber(),
    amount_due: model.bigNumber(),
    seller: model.json(),
    buyer: model.json(),
    notes: model.json(),
    payment_terms: model.text().nullable(),
    payment_term_days: model.number().default(14),
    document_file_id: model.text().nullable(),
    issued_at: model.dateTime().nullable(),
    lines: model.hasMany(() => InvoiceLine, { mappedBy: "invoice" }),
    tax_totals: model.hasMany(() => InvoiceTaxTotal, { mappedBy: "invoice" }),
  })
  .cascades({ delete: ["lines", "tax_totals"] })
  .indexes([
    { name: "IDX_billing_invoice_number_unique", on: ["number"], unique: true, where: "deleted_at IS NULL AND number IS NOT NULL" },
    { on: ["contract_id"], where: "deleted_at IS NULL" },
    { on: ["customer_id", "status"], where: "deleted_at IS NULL" },
    { name: "IDX_billing_invoice_one_cancellation", on: ["cancels_invoice_id"], unique: true, where: "deleted_at IS NULL AND cancels_invoice_id IS NOT NULL" },
  ])
  .checks([
    { name: "billing_invoice_issue_date_iso", expression: isoDateCheckNullable("issue_date") },
    { name: "billing_invoice_service_from_iso", expression: isoDateCheck("service_from") },
    { name: "billing_invoice_issued_has_number", expression: "status = 'draft' OR (number IS NOT NULL AND issue_date IS NOT NULL)" },
  ])

export default Invoice
