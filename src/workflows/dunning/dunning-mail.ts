import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { BillingEvents } from "../../events"
import { BILLING_DOCUMENT_MODULE } from "../../modules/billing-document"
import BillingDocumentModuleService from "../../modules/billing-document/service"
import { BILLING_DUNNING_MODULE } from "../../modules/billing-dunning"
import BillingDunningModuleService from "../../modules/billing-dunning/service"
import { BILLING_INVOICE_MODULE } from "../../modules/billing-invoice"
import BillingInvoiceModuleService from "../../modules/billing-invoice/service"
import { mailErrorText, MAX_MAIL_ATTEMPTS } from "../documents/deliver-invoice-workflow"
import { ensureDunningPdf } from "./dunning-document"

/** The mail log kind of a notice: one log row per invoice and level (the log's unique key is kind + invoice). */
export const dunningMailKind = (level: number) => `dunning_${level}`

function mailText(locale: "de" | "en", letter: string, sellerName: string): string {
  return locale === "en"
    ? `Hello,\n\n${letter}\n\nPlease find our letter attached as a PDF.\n\nKind regards\n${sellerName}`
    : `Guten Tag,\n\n${letter}\n\nIm Anhang finden Sie unser Schreiben als PDF.\n\nMit freundlichen Grüßen\n${sellerName}`
}

/**
 * Mails a notice to the customer with its PDF through Medusa's Notification module, once: a mail already
 * sent is not sent again, a failed one is retried by the next dunning runs up to MAX_MAIL_ATTEMPTS, every
 * attempt recorded in the mail log (kind `dunning_<level>`, the reminded invoice's id).
 */
export async function sendDunningMail(container: MedusaContainer, noticeId: string) {
  // One sender per notice, whichever process's dunning run or PDF request gets here.
  return container.resolve(Modules.LOCKING).execute(`medusa-subscription-billing:mail:dunning:${noticeId}`, () => sendDunningMailLocked(container, noticeId), {
    timeout: 30,
    expire: 120,
  })
}

async function sendDunningMailLocked(container: MedusaContainer, noticeId: string) {
  const dunning = container.resolve<BillingDunningModuleService>(BILLING_DUNNING_MODULE)
  const documents = container.resolve<BillingDocumentModuleService>(BILLING_DOCUMENT_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const notice = await dunning.retrieveBillingDunningNotice(noticeId)
  const kind = dunningMailKind(notice.level)
  const [existing] = await documents.listBillingMailLogs({ kind, invoice_id: notice.invoice_id })
  if (existing?.status === "sent" || (existing && existing.attempts >= MAX_MAIL_ATTEMPTS)) {
    return existing
  }
  const document = await ensureDunningPdf(container, notice.id)
  const invoice = await container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE).retrieveBillingInvoice(notice.invoice_id, { select: ["id", "seller"] })
  const { data: customers } = await query.graph({ entity: "customer", fields: ["id", "email"], filters: { id: notice.customer_id } })
  const recipient = (customers[0] as { email?: string } | undefined)?.email ?? ""
  const log =
    existing ??
    (await documents.createBillingMailLogs({ kind, invoice_id: notice.invoice_id, customer_id: notice.customer_id, recipient, subject: notice.subject }))
  const attempt = { id: log.id, attempts: (log.attempts ?? 0) + 1, last_attempt_at: new Date(), recipient }
  if (!recipient) {
    return documents.updateBillingMailLogs({ ...attempt, status: "failed", error: "customer has no e-mail address" })
  }
  try {
    const notification = await container.resolve(Modules.NOTIFICATION).createNotifications({
      to: recipient,
      channel: "email",
      template: "billing-dunning",
      content: { subject: notice.subject, text: mailText(notice.locale === "en" ? "en" : "de", notice.text, (invoice.seller as { name?: string }).name ?? "") },
      data: { notice_id: notice.id, invoice_id: notice.invoice_id, level: notice.level },
      resource_id: notice.id,
      resource_type: "billing_dunning_notice",
      trigger_type: BillingEvents.DUNNING_NOTICE_SENT,
      attachments: [{ content: document.pdf.toString("base64"), filename: document.filename, content_type: "application/pdf" }],
    })
    return documents.updateBillingMailLogs({ ...attempt, status: "sent", error: null, notification_id: notification?.id ?? null })
  } catch (error) {
    return documents.updateBillingMailLogs({ ...attempt, status: "failed", error: mailErrorText(error) })
  }
}
