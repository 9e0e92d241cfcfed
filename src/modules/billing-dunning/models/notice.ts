import { model } from "@medusajs/framework/utils"
import { isoDateCheck } from "../../../utils/iso-date-check"

/**
 * One reminder (Zahlungserinnerung/Mahnung) of one invoice at one level. The unique key (invoice_id, level)
 * makes "an invoice gets level N once" hold across processes and re-runs: a notice is written with
 * ON CONFLICT DO NOTHING, and only the writer books its fee, renders it and mails it. The row keeps what
 * the letter says (amounts, dates, texts), so a re-rendering after a crash prints the same letter.
 * `delivered_at` is set when its fee is booked, its PDF stored and its mail sent (or given up); until then
 * every dunning run completes it.
 */
const Notice = model
  .define("billing_dunning_notice", {
    id: model.id({ prefix: "bdnt" }).primaryKey(),
    invoice_id: model.text(),
    invoice_number: model.text(),
    invoice_issue_date: model.text(),
    invoice_due_date: model.text(),
    invoice_total: model.bigNumber(),
    customer_id: model.text(),
    currency_code: model.text(),
    locale: model.text(),
    level: model.number(),
    notice_date: model.text(),
    payment_deadline: model.text(),
    open_amount: model.bigNumber(),
    fee: model.bigNumber(),
    total: model.bigNumber(),
    title: model.text(),
    subject: model.text(),
    text: model.text(),
    trigger: model.enum(["schedule", "admin"]),
    document_file_id: model.text().nullable(),
    delivered_at: model.dateTime().nullable(),
  })
  .indexes([
    { name: "IDX_billing_dunning_notice_invoice_level", on: ["invoice_id", "level"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id"], where: "deleted_at IS NULL" },
    { name: "IDX_billing_dunning_notice_undelivered", on: ["created_at"], where: "deleted_at IS NULL AND delivered_at IS NULL" },
  ])
  .checks([
    { name: "billing_dunning_notice_notice_date_iso", expression: isoDateCheck("notice_date") },
    { name: "billing_dunning_notice_payment_deadline_iso", expression: isoDateCheck("payment_deadline") },
    { name: "billing_dunning_notice_invoice_issue_date_iso", expression: isoDateCheck("invoice_issue_date") },
    { name: "billing_dunning_notice_invoice_due_date_iso", expression: isoDateCheck("invoice_due_date") },
    { name: "billing_dunning_notice_level_positive", expression: "level >= 1" },
    { name: "billing_dunning_notice_fee_not_negative", expression: "fee >= 0" },
  ])

export default Notice
