import { MedusaContainer } from "@medusajs/framework/types"
import { BILLING_DOCUMENT_MODULE } from "../modules/billing-document"
import BillingDocumentModuleService from "../modules/billing-document/service"
import { MAX_MAIL_ATTEMPTS, sendInvoiceMail } from "../workflows/documents/deliver-invoice-workflow"

/** Retries invoice mails that failed (SMTP down, mailbox full …) until MAX_MAIL_ATTEMPTS. */
export default async function retryInvoiceMailsJob(container: MedusaContainer) {
  const documents = container.resolve<BillingDocumentModuleService>(BILLING_DOCUMENT_MODULE)
  // Only invoice and cancellation mails: reminders are retried by the next dunning run.
  const failed = await documents.listBillingMailLogs(
    { status: "failed", attempts: { $lt: MAX_MAIL_ATTEMPTS }, kind: ["invoice", "cancellation"] },
    { take: 200, order: { last_attempt_at: "ASC" } }
  )
  for (const log of failed) {
    if (log.invoice_id) {
      await sendInvoiceMail(container, log.invoice_id)
    }
  }
}

export const config = {
  name: "medusa-subscription-billing-retry-mails",
  schedule: process.env.BILLING_MAIL_RETRY_CRON || "*/15 * * * *",
}
