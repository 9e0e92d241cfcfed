import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_DOCUMENT_MODULE } from "../../modules/billing-document"
import BillingDocumentModuleService from "../../modules/billing-document/service"
import { BILLING_INVOICE_MODULE } from "../../modules/billing-invoice"
import BillingInvoiceModuleService from "../../modules/billing-invoice/service"
import { ensureInvoicePdf } from "./invoice-document"

export const MAX_MAIL_ATTEMPTS = 5

function mailText(kind: "invoice" | "cancellation", locale: "de" | "en", number: string, sellerName: string) {
  if (locale === "en") {
    return kind === "invoice"
      ? { subject: `Your invoice ${number}`, text: `Hello,\n\nplease find attached invoice ${number}.\n\nKind regards\n${sellerName}` }
      : { subject: `Cancellation invoice ${number}`, text: `Hello,\n\nplease find attached cancellation invoice ${number}.\n\nKind regards\n${sellerName}` }
  }
  return kind === "invoice"
    ? { subject: `Ihre Rechnung ${number}`, text: `Guten Tag,\n\nanbei erhalten Sie Ihre Rechnung ${number}.\n\nMit freundlichen Grüßen\n${sellerName}` }
    : { subject: `Stornorechnung ${number}`, text: `Guten Tag,\n\nanbei erhalten Sie die Stornorechnung ${number}.\n\nMit freundlichen Grüßen\n${sellerName}` }
}

/** Medusa wraps a provider's error as "Failed to send notification with id …:\n<reason>"; the log keeps the reason. */
export function mailErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/^Failed to send notification with id [^:]*:\s*/s, "").trim()
}

/**
 * Mails an issued document to the customer with its PDF, once: a mail already sent is not sent again, a
 * failed one is retried (by the retry job) up to MAX_MAIL_ATTEMPTS, every attempt recorded in the mail log.
 */
export async function sendInvoiceMail(container: MedusaContainer, invoiceId: string) {
  // One sender per document, whichever process the event or the retry job runs in.
  return container.resolve(Modules.LOCKING).execute(`medusa-subscription-billing:mail:${invoiceId}`, () => sendInvoiceMailLocked(container, invoiceId), {
    timeout: 30,
    expire: 120,
  })
}

async function sendInvoiceMailLocked(container: MedusaContainer, invoiceId: string) {
  const invoices = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const documents = container.resolve<BillingDocumentModuleService>(BILLING_DOCUMENT_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const invoice = await invoices.retrieveBillingInvoice(invoiceId)
  const [existing] = await documents.listBillingMailLogs({ kind: invoice.kind, invoice_id: invoice.id })
  if (existing?.status === "sent" || (existing && existing.attempts >= MAX_MAIL_ATTEMPTS)) {
    return existing
  }
  const document = await ensureInvoicePdf(container, invoice.id)
  if (!document) {
    return null
  }
  const { data: customers } = await query.graph({ entity: "customer", fields: ["id", "email"], filters: { id: invoice.customer_id } })
  const recipient = (customers[0] as { email?: string } | undefined)?.email ?? ""
  const { subject, text } = mailText(invoice.kind, invoice.locale === "en" ? "en" : "de", document.number, (invoice.seller as { name?: string }).name ?? "")
  const log =
    existing ??
    (await documents.createBillingMailLogs({ kind: invoice.kind, invoice_id: invoice.id, customer_id: invoice.customer_id, recipient, subject }))
  const attempt = { id: log.id, attempts: (log.attempts ?? 0) + 1, last_attempt_at: new Date(), recipient }
  if (!recipient) {
    return documents.updateBillingMailLogs({ ...attempt, status: "failed", error: "customer has no e-mail address" })
  }
  try {
    const notification = await container.resolve(Modules.NOTIFICATION).createNotifications({
      to: recipient,
      channel: "email",
      template: `billing-${invoice.kind}`,
      content: { subject, text },
      data: { invoice_id: invoice.id, number: document.number },
      resource_id: invoice.id,
      resource_type: "billing_invoice",
      trigger_type: `billing.${invoice.kind}.issued`,
      attachments: [{ content: document.pdf.toString("base64"), filename: `${document.number}.pdf`, content_type: "application/pdf" }],
    })
    return documents.updateBillingMailLogs({ ...attempt, status: "sent", error: null, notification_id: notification?.id ?? null })
  } catch (error) {
    return documents.updateBillingMailLogs({ ...attempt, status: "failed", error: mailErrorText(error) })
  }
}

const deliverInvoiceStep = createStep("billing-deliver-invoice-document", async (input: { invoice_id: string }, { container }) => {
  const log = await sendInvoiceMail(container, input.invoice_id)
  // Rendering and mailing happen after the billing transaction; a stored PDF or a sent mail is not undone.
  return new StepResponse(log ? { status: log.status, error: log.error ?? null } : null)
})

export const deliverInvoiceDocumentWorkflowId = "billing-deliver-invoice-document"

/** Renders (once) and mails an issued invoice or cancellation document. Runs in the background after issuing. */
export const deliverInvoiceDocumentWorkflow = createWorkflow(
  deliverInvoiceDocumentWorkflowId,
  (input: WorkflowData<{ invoice_id: string }>) => {
    const result = deliverInvoiceStep(transform({ input }, ({ input }) => ({ invoice_id: input.invoice_id })))
    return new WorkflowResponse(result)
  }
)
