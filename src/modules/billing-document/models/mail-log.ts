import { model } from "@medusajs/framework/utils"

/**
 * Every mail the plugin sends (or tries to): recipient, subject, status, the SMTP server's error text and
 * the number of attempts — what a shop owner needs when "the mails don't arrive" (FAQ, own SMTP server).
 */
const MailLog = model
  .define("billing_mail_log", {
    id: model.id({ prefix: "bmlg" }).primaryKey(),
    kind: model.text(),
    invoice_id: model.text().nullable(),
    customer_id: model.text().nullable(),
    recipient: model.text(),
    subject: model.text(),
    status: model.enum(["pending", "sent", "failed"]).default("pending"),
    error: model.text().nullable(),
    attempts: model.number().default(0),
    last_attempt_at: model.dateTime().nullable(),
    notification_id: model.text().nullable(),
  })
  .indexes([
    { on: ["status"], where: "deleted_at IS NULL" },
    { name: "IDX_billing_mail_log_one_per_document", on: ["kind", "invoice_id"], unique: true, where: "deleted_at IS NULL AND invoice_id IS NOT NULL" },
  ])

export default MailLog
